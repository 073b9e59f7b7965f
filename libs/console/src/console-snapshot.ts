import type { DataBook, DataSnapshot } from './panels/data-panels';
import type { DeadLetterBook, DeadLetterView } from './panels/dead-letters';
import type { InstanceBook, InstanceView } from './panels/instances';
import type { LagPoint, LagTracker, PartitionLag } from './panels/lag';
import { BatchTimeline, batchTimelines, ServerRow, serverRows, stateRows, StoreRow } from './panels/micro-batches';

/** Everything the page shows, sent as one server-sent event (times in ms since the epoch). */
export interface ConsoleSnapshot {
  at: number;
  services: { instances: InstanceView[]; servers: ServerRow[] };
  microBatches: BatchTimeline[];
  lag: { partitions: PartitionLag[]; totals: Record<string, LagPoint[]> };
  state: ReturnType<typeof stateRows>;
  deadLetters: { totals: Array<{ topic: string; reason: string; count: number }>; latest: DeadLetterView[] };
  data: DataSnapshot;
}

/** The books a snapshot is built from. */
export interface ConsoleBooks {
  instances: InstanceBook;
  lag: LagTracker;
  deadLetters: DeadLetterBook;
  data: DataBook;
}

/**
 * Builds the page's snapshot from the console's books. Micro-batches, state and servers come
 * from the instances that are not down (a stopped instance's last figures are history). Pure
 * apart from the books' own bounded state.
 * @param forgetAfterMs instances silent for longer are dropped
 */
export function consoleSnapshot(b: ConsoleBooks, now: number, forgetAfterMs: number): ConsoleSnapshot {
  const instances = b.instances.views(now, forgetAfterMs);
  const live = new Set(instances.filter((i) => i.state !== 'down').map((i) => i.key));
  const statuses = b.instances.statuses().filter((s) => live.has(`${s.service}/${s.instanceId}`));
  return {
    at: now,
    services: { instances, servers: serverRows(statuses) },
    microBatches: batchTimelines(statuses),
    lag: { partitions: b.lag.partitions(), totals: b.lag.totals() },
    state: stateRows(statuses),
    deadLetters: { totals: b.deadLetters.totals(), latest: b.deadLetters.latest() },
    data: b.data.snapshot(now),
  };
}
