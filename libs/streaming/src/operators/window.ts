import { GroupedStore } from '../state/grouped-store';
import type { StageFactory } from '../stream/stage';
import type { BatchWindows } from './window-spec';
import { WindowProgress } from './window-progress';

/**
 * `window`: at every slide point `t`, emits all records of the batches in `(t - length, t]`,
 * oldest batch first, each batch in input order; nothing at other batch times.
 *
 * Semantics: Spark's `DStream.window(windowDuration, slideDuration)` — see {@link BatchWindows}
 * for the bounds and the alignment of slide points. The emitted batch's time is `t`, so a
 * `transform` downstream sees the window's end. Windows holding no batch are not emitted (Spark
 * would emit an empty RDD). A record appears in `length / slide` consecutive windows.
 *
 * State (restored after a restart, so a window spanning the restart still holds every batch):
 * - `<name>-slices`: `"<batch time>|<index>" → record` for the batches still inside a future window;
 * - `<name>-meta`: `lastSlot`, `windowEnd` ({@link WindowProgress}).
 * Records must survive `JSON.stringify`/`JSON.parse`.
 *
 * Gaps and repeats: a call after a gap emits every missed slide point whose window holds a batch,
 * in order (catch-up); a second call for a slide point already emitted re-emits that window with
 * the new records added (outputs are absolute, so the later emission supersedes the earlier).
 *
 * Idle calls: a call with no records while no batch is held changes nothing, not even the
 * progress (no window can be emitted), so an idle task writes no changelog record per trigger.
 *
 * @example
 * ```ts
 * // batch interval 1 s; batches at 1 s: ['a'], 2 s: ['b'], 3 s: ['c']
 * source.window(BatchWindows.sliding(2000, 1000), 'last-two');
 * // at 1 s: ['a'], at 2 s: ['a','b'], at 3 s: ['b','c'], at 4 s: ['c']
 * ```
 * @see reduceByKeyAndWindowStage for a keyed reduce over the same windows without keeping records.
 */
export function windowStage<T>(windows: BatchWindows, name: string): StageFactory<T, T> {
  return (stores) => {
    const slices = new GroupedStore(stores.create<T>(`${name}-slices`));
    const progress = new WindowProgress(stores.create<number>(`${name}-meta`));
    const collect = (end: number): T[] => {
      const out: T[] = [];
      for (const slot of slices.groups()) {
        if (slot <= end - windows.lengthMs || slot > end) continue;
        const slice = slices.group(slot)!;
        for (let i = 0; i < slice.size; i++) out.push(slice.get(String(i)) as T);
      }
      return out;
    };
    return {
      push(timeMs, records, emit) {
        if (records.length === 0 && slices.isEmpty) return; // idle: see "Idle calls" above
        const slot = progress.slotFor(timeMs);
        const base = slices.group(slot)?.size ?? 0;
        records.forEach((r, i) => slices.put(slot, String(base + i), r));
        const prevEnd = progress.windowEnd;
        const points = windows.nonEmptySlidePoints(prevEnd ?? -Infinity, slot, slices.groups());
        for (const p of points) emit(p, collect(p));
        if (points.length === 0 && prevEnd === slot && records.length > 0) emit(slot, collect(slot));
        const end = Math.max(prevEnd ?? -Infinity, windows.slidePointAtOrBefore(slot));
        for (const s of slices.groups()) if (s <= end - windows.lengthMs) slices.deleteGroup(s);
        progress.save(slot, end);
      },
    };
  };
}
