/**
 * Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`
 * with `description` and the last value seen. Tests wait on conditions with deadlines, never on
 * fixed sleeps.
 *
 * @param intervalMs pause between probes (ms)
 * @throws Error naming the condition when the deadline passes
 */
export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 60000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${last ? `; last error: ${(last as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
