/**
 * Readiness of one dependency (Kafka, a store). Implementations make a real, cheap request
 * (metadata, PING, a CQL query) and resolve to `true` when it answers within the deadline.
 */
export interface DependencyCheck {
  readonly name: string;
  check(): Promise<boolean>;
}

/** The health of a service: alive while the process runs, ready when every dependency answers. */
export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, 'up' | 'down'>;
}

/** Runs every check concurrently; each gets `timeoutMs` (ms) before it counts as down. */
export async function checkDependencies(checks: readonly DependencyCheck[], timeoutMs = 3000): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        const ok = await Promise.race([c.check().catch(() => false), timeout]);
        return [c.name, ok ? 'up' : 'down'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checksOut = Object.fromEntries(results) as Record<string, 'up' | 'down'>;
  return { status: results.every(([, s]) => s === 'up') ? 'ok' : 'error', checks: checksOut };
}
