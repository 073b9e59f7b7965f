/**
 * The only place in Sluice that reads `process.env`. Everything else receives an
 * `Env` (a plain string map) so configuration can be tested without touching the process.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** Returns a snapshot of the process environment. */
export function processEnv(): Env {
  return { ...process.env };
}
