/** A record for a topic; `key` null = no key. Mirrors the Kafka library's record without importing it. */
export interface SinkRecord {
  key?: string | null;
  value: string | Buffer;
  /** Record timestamp (ms); latency is measured from it. */
  timestamp?: number;
  /** Record headers (UTF-8 strings). */
  headers?: Record<string, string>;
}

/** Where sources publish (the Kafka producer in the app; an array in tests). */
export interface RecordSink {
  send(topic: string, records: readonly SinkRecord[]): Promise<void>;
}

/** Time and waiting, injected so pacing is tested on a manual clock. */
export interface Scheduler {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realScheduler: Scheduler = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
