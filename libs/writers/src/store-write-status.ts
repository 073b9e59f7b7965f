import { Counter, Gauge, Registry } from 'prom-client';
import type { DependencyCheck, DependencyStatus } from '@sluice/observability';
import { describeFailure, StoreFailure } from './store-failure';

/** A write being retried: why, and since when (ms since the epoch). */
interface Waiting {
  failure: StoreFailure;
  detail: string;
  sinceMs: number;
}

/**
 * Whether the writer can write to its store, as readiness and metrics show it. A store that
 * answers PING but refuses every write (Redis OOM, a revoked permission, a dropped table) looks
 * healthy to a ping, so `/health` is down while any write of the writer waits on a failure, with
 * the store's reason (`redis refuses writes (OOM): ...`), and otherwise asks the store (`ping`).
 *
 * Metrics (on the service's registry): `sluice_store_paused{store}` is 1 while a write waits,
 * `sluice_store_refusals_total{store,code}` counts store-level refusals (each a retry, also
 * counted in `sluice_store_retries_total`).
 */
export class StoreWriteStatus implements DependencyCheck {
  readonly name: string;
  private readonly waiting = new Map<object, Waiting>();
  private readonly paused: Gauge;
  private readonly refusals: Counter;

  /**
   * @param store the adapter's store name (check name, metric label)
   * @param ping a real, cheap request to the store
   * @param registry where the metrics are registered (the service's `SluiceMetrics.registry`)
   */
  constructor(readonly store: string, private readonly ping: () => Promise<boolean>, registry: Registry, private readonly clock: () => number = Date.now) {
    this.name = store;
    this.paused = metric(registry, 'sluice_store_paused', () => new Gauge({ name: 'sluice_store_paused', help: 'Writes waiting on the store (down or refusing writes): 1 while paused', labelNames: ['store'], registers: [registry] }));
    this.refusals = metric(registry, 'sluice_store_refusals_total', () => new Counter({ name: 'sluice_store_refusals_total', help: 'Store-level write refusals waited out (nothing dead-lettered)', labelNames: ['store', 'code'], registers: [registry] }));
    this.paused.set({ store }, 0);
  }

  /**
   * Records that the write identified by `token` (one per write being retried) failed and waits.
   * @returns the sentence describing the failure (for the log)
   */
  failing(token: object, failure: StoreFailure, error: unknown): string {
    const detail = describeFailure(this.store, failure, error);
    const sinceMs = this.waiting.get(token)?.sinceMs ?? this.clock();
    this.waiting.set(token, { failure, detail, sinceMs });
    if (failure.kind === 'store-refused') this.refusals.inc({ store: this.store, code: failure.code });
    this.paused.set({ store: this.store }, 1);
    return detail;
  }

  /** The write identified by `token` succeeded, was handed to isolation or was given up. */
  done(token: object): void {
    this.waiting.delete(token);
    if (this.waiting.size === 0) this.paused.set({ store: this.store }, 0);
  }

  /** True while any write waits on the store. */
  get isPaused(): boolean {
    return this.waiting.size > 0;
  }

  async check(): Promise<DependencyStatus> {
    const latest = [...this.waiting.values()].sort((a, b) => b.sinceMs - a.sinceMs)[0];
    if (latest) return { up: false, detail: `${latest.detail} (waiting since ${new Date(latest.sinceMs).toISOString()})` };
    return { up: await this.ping() };
  }
}

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
