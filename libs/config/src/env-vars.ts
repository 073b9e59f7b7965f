import { ConfigProblem } from './config-error';
import { Env } from './env';

/**
 * A typed reader of one environment variable: parses the raw string (or applies the default)
 * and reports a problem instead of throwing, so every bad variable is listed at once.
 */
export interface EnvVar<T> {
  readonly name: string;
  readonly defaultValue: string | undefined;
  readonly description: string;
  /** True for a variable that may stay unset (no default, not required). */
  readonly optional?: boolean;
  read(env: Env, problems: ConfigProblem[]): T;
}

function raw(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function make<T>(
  name: string,
  defaultValue: string | undefined,
  description: string,
  parse: (value: string) => { ok: true; value: T } | { ok: false; message: string },
  fallback: T,
): EnvVar<T> {
  return {
    name,
    defaultValue,
    description,
    read(env, problems) {
      const value = raw(env, name) ?? defaultValue;
      if (value === undefined) {
        problems.push({ variable: name, message: 'is required' });
        return fallback;
      }
      const r = parse(value);
      if (r.ok) return r.value;
      problems.push({ variable: name, message: r.message, received: value });
      return fallback;
    },
  };
}

/** An integer within [min, max]; units belong in the description (ms, bytes). */
export function intVar(
  name: string,
  def: number | undefined,
  description: string,
  range: { min?: number; max?: number } = {},
): EnvVar<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  return make(name, def?.toString(), description, (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      const bounds = [range.min !== undefined ? `>= ${min}` : '', range.max !== undefined ? `<= ${max}` : '']
        .filter(Boolean)
        .join(' and ');
      return { ok: false, message: `must be an integer${bounds ? ' ' + bounds : ''}` };
    }
    return { ok: true, value: n };
  }, def ?? 0);
}

/** A finite number within [min, max]. */
export function numberVar(
  name: string,
  def: number,
  description: string,
  range: { min?: number; max?: number } = {},
): EnvVar<number> {
  const { min = -Infinity, max = Infinity } = range;
  return make(name, def.toString(), description, (v) => {
    const n = Number(v);
    return Number.isFinite(n) && n >= min && n <= max
      ? { ok: true, value: n }
      : { ok: false, message: `must be a number${range.min !== undefined ? ` >= ${min}` : ''}${range.max !== undefined ? ` <= ${max}` : ''}` };
  }, def);
}

/** One of a fixed set of values; the error lists the allowed ones. */
export function enumVar<const T extends string>(
  name: string,
  allowed: readonly T[],
  def: T | undefined,
  description: string,
): EnvVar<T> {
  return make(name, def, description, (v) =>
    (allowed as readonly string[]).includes(v)
      ? { ok: true, value: v as T }
      : { ok: false, message: `allowed values are ${allowed.join(', ')}` },
  allowed[0]);
}

/** A comma-separated list; with `allowed`, each item must be one of them. */
export function listVar<const T extends string>(
  name: string,
  def: string,
  description: string,
  allowed?: readonly T[],
): EnvVar<T[]> {
  return make(name, def, description, (v) => {
    const items = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length === 0) return { ok: false, message: 'must list at least one value' };
    if (allowed) {
      const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
      if (bad.length) return { ok: false, message: `allowed values are ${allowed.join(', ')}; unknown: ${bad.join(', ')}` };
    }
    return { ok: true, value: items as T[] };
  }, []);
}

/** A free string (URLs, names); `pattern` restricts it. */
export function stringVar(
  name: string,
  def: string | undefined,
  description: string,
  pattern?: { regex: RegExp; message: string },
): EnvVar<string> {
  return make(name, def, description, (v) =>
    !pattern || pattern.regex.test(v) ? { ok: true, value: v } : { ok: false, message: pattern.message },
  '');
}

/** An optional string: undefined when unset. */
export function optionalStringVar(name: string, description: string): EnvVar<string | undefined> {
  return {
    name,
    defaultValue: undefined,
    description,
    optional: true,
    read: (env) => raw(env, name),
  };
}

/** true/false (also 1/0, yes/no). */
export function boolVar(name: string, def: boolean, description: string): EnvVar<boolean> {
  return make(name, String(def), description, (v) => {
    const s = v.toLowerCase();
    if (['true', '1', 'yes'].includes(s)) return { ok: true, value: true };
    if (['false', '0', 'no'].includes(s)) return { ok: true, value: false };
    return { ok: false, message: 'allowed values are true, false' };
  }, def);
}
