/**
 * What one readiness check found: `up`, and when down, why (a short sentence a person can act on,
 * e.g. `redis refuses writes: OOM command not allowed` or `task signals-2 not running: opening`).
 * Never include secrets.
 */
export interface DependencyStatus {
  up: boolean;
  detail?: string;
}

/**
 * Readiness of one dependency (Kafka, a store, the service's own tasks). Implementations make a
 * real, cheap request (metadata, PING, a CQL query) or read the service's own state, and resolve
 * to `true` / `{ up: true }` when it answers within the deadline; a rejection counts as down with
 * the error's message as detail.
 */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<boolean | DependencyStatus>;
}

/** Normalises what a {@link DependencyCheck} resolved or rejected with. */
export async function runCheck(check: DependencyCheck): Promise<DependencyStatus> {
  try {
    const r = await check.check();
    return typeof r === 'boolean' ? { up: r } : r;
  } catch (e) {
    return { up: false, detail: (e as Error)?.message ?? String(e) };
  }
}
