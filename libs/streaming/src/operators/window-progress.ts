import type { KeyValueStore } from '../state/key-value-store';

/** Keys of a processing-time window operator's `-meta` store. */
const LAST_SLOT = 'lastSlot';
const WINDOW_END = 'windowEnd';

/**
 * Where a processing-time window operator stands, kept in its `<operator>-meta` store so that a
 * restarted task continues from it: the latest batch slot it received (`lastSlot`) and the end of
 * the latest window it emitted (`windowEnd`, a slide point).
 *
 * Ordering rule: batch times should not go backwards, but across a shuffle (several upstream
 * tasks feeding one repartition partition) they can. A batch whose time is earlier than
 * `lastSlot` is folded into `lastSlot` — processing time is the time the operator sees the
 * records, and a window already emitted is never reopened for them.
 */
export class WindowProgress {
  constructor(private readonly meta: KeyValueStore<number>) {}

  /** The slot the records of a batch at `timeMs` belong to (never before the latest slot seen). */
  slotFor(timeMs: number): number {
    const last = this.meta.get(LAST_SLOT);
    return last !== undefined && last > timeMs ? last : timeMs;
  }

  /** End (ms) of the latest window emitted (or skipped because empty); undefined before the first. */
  get windowEnd(): number | undefined {
    return this.meta.get(WINDOW_END);
  }

  /** Records the latest slot and window end (only changed values reach the changelog). */
  save(slot: number, windowEnd: number | undefined): void {
    if (this.meta.get(LAST_SLOT) !== slot) this.meta.put(LAST_SLOT, slot);
    if (windowEnd !== undefined && this.meta.get(WINDOW_END) !== windowEnd) this.meta.put(WINDOW_END, windowEnd);
  }
}
