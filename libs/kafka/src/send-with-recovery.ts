/** What {@link sendWithRecovery} needs: the attempt, the replacement, and the policy. */
export interface SendWithRecoveryOptions {
  /** One attempt with the current producer. */
  send(): Promise<void>;
  /** Drops the current producer after a failed attempt (the next `send` makes a new one). */
  discard(): Promise<void>;
  /** How long all attempts may take (ms), from the first. */
  deliveryTimeoutMs: number;
  /** The reason an error cannot be cured by retrying, or undefined (see `permanentProduceError`). */
  permanentError(error: unknown): string | undefined;
  now(): number;
  sleep(ms: number): Promise<void>;
  onRetry?(info: { attempt: number; error: unknown; delayMs: number }): void;
}

/**
 * Sends until one attempt succeeds, as Kafka's `delivery.timeout.ms` bounds a send: after a failed
 * attempt the producer is discarded and the send retried, with backoff of 0.2 s doubling to 5 s.
 * @throws the error of the last attempt at once when it is permanent, or once `deliveryTimeoutMs`
 *   has passed since the first attempt
 */
export async function sendWithRecovery(o: SendWithRecoveryOptions): Promise<void> {
  const started = o.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await o.send();
      return;
    } catch (error) {
      const elapsedMs = o.now() - started;
      if (o.permanentError(error) !== undefined || elapsedMs >= o.deliveryTimeoutMs) throw error;
      const delayMs = Math.min(5000, 200 * 2 ** (attempt - 1), o.deliveryTimeoutMs - elapsedMs);
      o.onRetry?.({ attempt, error, delayMs });
      await o.discard();
      await o.sleep(delayMs);
    }
  }
}
