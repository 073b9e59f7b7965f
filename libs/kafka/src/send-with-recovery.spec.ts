import { sendWithRecovery, SendWithRecoveryOptions } from './send-with-recovery';

/** A manual clock, attempts that fail as scripted, and a record of what happened. */
function harness(failures: unknown[], deliveryTimeoutMs = 60_000, permanent = (_e: unknown): string | undefined => undefined) {
  let now = 0;
  const events: string[] = [];
  const o: SendWithRecoveryOptions = {
    send: async () => {
      events.push(`send@${now}`);
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
    },
    discard: async () => void events.push('discard'),
    deliveryTimeoutMs,
    permanentError: permanent,
    now: () => now,
    sleep: async (ms) => void (now += ms),
  };
  return { o, events };
}

describe(sendWithRecovery.name, () => {
  it('sends once when the first attempt succeeds', async () => {
    const { o, events } = harness([]);
    await sendWithRecovery(o);
    expect(events).toEqual(['send@0']);
  });

  it('discards the producer after each failure and retries with backoff doubling from 0.2 s to 5 s', async () => {
    const { o, events } = harness(Array.from({ length: 7 }, (_, i) => new Error(`OUT_OF_ORDER_SEQUENCE_NUMBER ${i}`)));
    await sendWithRecovery(o);
    expect(events.filter((e) => e.startsWith('send')).map((e) => Number(e.slice(5)))).toEqual([0, 200, 600, 1400, 3000, 6200, 11200, 16200]);
    expect(events.filter((e) => e === 'discard')).toHaveLength(7);
  });

  it('throws the last error once the delivery timeout has passed', async () => {
    const { o } = harness(Array.from({ length: 100 }, (_, i) => new Error(`timed out ${i}`)), 10_000);
    await expect(sendWithRecovery(o)).rejects.toThrow(/timed out/);
  });

  it('does not sleep past the delivery timeout', async () => {
    const { o, events } = harness(Array.from({ length: 100 }, () => new Error('down')), 1_000);
    await expect(sendWithRecovery(o)).rejects.toThrow('down');
    expect(events.filter((e) => e.startsWith('send')).map((e) => Number(e.slice(5)))).toEqual([0, 200, 600, 1000]);
  });

  it('throws a permanent refusal at once', async () => {
    const { o, events } = harness([new Error('TOPIC_AUTHORIZATION_FAILED')], 60_000, (e) => ((e as Error).message.includes('AUTHORIZATION') ? 'not authorised' : undefined));
    await expect(sendWithRecovery(o)).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(events).toEqual(['send@0']);
  });
});
