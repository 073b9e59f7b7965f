/** One invalid environment variable: its name, what is allowed, and what was given. */
export interface ConfigProblem {
  variable: string;
  message: string;
  received?: string;
}

/**
 * Thrown at start-up when configuration is invalid. The message lists every problem at once,
 * each naming the variable and the allowed values, e.g.
 * `Invalid configuration:\n  - TOKENIZER: allowed values are words, whitespace (got "foo")`.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'Invalid configuration:\n' +
        problems
          .map((p) => `  - ${p.variable}: ${p.message}${p.received === undefined ? '' : ` (got "${redactCredentials(p.received)}")`}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** A value with the credentials of any `scheme://user:password@host` URL in it masked (`//***@`). */
export function redactCredentials(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/g, '//***@');
}
