import { ConfigError, ConfigProblem } from './config-error';
import { Env, processEnv } from './env';
import { EnvVar } from './env-vars';

/**
 * A named group of settings built from environment variables.
 * `vars` documents every variable it reads (used for the README table and compose checks).
 */
export interface ConfigSection<T> {
  readonly vars: readonly EnvVar<unknown>[];
  build(env: Env, problems: ConfigProblem[]): T;
}

/**
 * Declares a section from a map of variables and a function shaping the parsed values.
 * @param validate cross-variable checks of the shaped section (e.g. a user without its password),
 *   run when every variable of the section parsed; problems name variables, never echo secrets
 */
export function section<V extends Record<string, EnvVar<unknown>>, T>(
  vars: V,
  shape: (values: { [K in keyof V]: V[K] extends EnvVar<infer U> ? U : never }) => T,
  validate?: (config: T) => ConfigProblem[],
): ConfigSection<T> {
  return {
    vars: Object.values(vars),
    build(env, problems) {
      const before = problems.length;
      const values = {} as Record<string, unknown>;
      for (const [k, v] of Object.entries(vars)) values[k] = v.read(env, problems);
      const config = shape(values as never);
      // Cross-variable checks need this section's values, not another section's: skipped only
      // when one of this section's variables was invalid (its value is then a fallback).
      if (validate && problems.length === before) problems.push(...validate(config));
      return config;
    },
  };
}

type Built<S> = { [K in keyof S]: S[K] extends ConfigSection<infer T> ? T : never };

/**
 * Builds a typed, nested configuration from several sections and throws one
 * {@link ConfigError} listing every invalid variable.
 *
 * @example loadConfig({ kafka: kafkaConfig, processor: processorConfig })
 * @throws ConfigError when any variable is invalid
 */
export function loadConfig<S extends Record<string, ConfigSection<unknown>>>(
  sections: S,
  env: Env = processEnv(),
): Built<S> {
  const problems: ConfigProblem[] = [];
  const out = {} as Record<string, unknown>;
  for (const [name, s] of Object.entries(sections)) out[name] = s.build(env, problems);
  if (problems.length) throw new ConfigError(problems);
  return out as Built<S>;
}
