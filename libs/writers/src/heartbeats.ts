import type { BatchContext } from '@sluice/kafka';

/**
 * Runs `work` (a store write) while calling `ctx.heartbeat()` every `tickMs`, so a write slower
 * than the consumer's session timeout (30 000 ms) does not cost the writer its group membership:
 * kafkajs only heartbeats between batches or when the handler asks. kafkajs throttles the calls to
 * its heartbeat interval (3 000 ms), so a short tick costs nothing.
 *
 * A failed heartbeat is ignored here (the write in flight cannot be taken back); a lost
 * membership or a rebalance shows as `ctx.isRunning()` false at the writer's next check.
 *
 * @param tickMs ms between heartbeat calls, > 0
 * @returns what `work` resolves to; rejects as `work` does
 */
export async function withHeartbeats<T>(ctx: BatchContext, tickMs: number, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void ctx.heartbeat().catch(() => undefined), tickMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
