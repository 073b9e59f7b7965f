import { DlqHeaders } from '@sluice/contracts';
import { OutputRecord, StreamRecord } from './stream-record';
import { StreamTask, TaskFactory } from './topology';

/**
 * Several tasks on the same input partition run as one: each sees every record of the batch,
 * their outputs are concatenated in order and their stores are the union. Used when several jobs
 * read the same topic (e.g. running totals and windowed counts over the same repartition topic),
 * so the partition is consumed once and committed in one transaction. A record several of them
 * dead-letter (each decodes it) reaches `<topic>.dlq` once, with the first task's reason.
 */
export class CompositeTask implements StreamTask {
  readonly stores;

  constructor(private readonly tasks: readonly StreamTask[]) {
    this.stores = tasks.flatMap((t) => t.stores);
  }

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const dead = new Set<string>();
    return this.tasks.flatMap((t) => t.process(records, batchTimeMs)).filter((o) => {
      const source = o.headers?.[DlqHeaders.sourceOffset];
      if (source === undefined || o.headers?.[DlqHeaders.reason] === undefined) return true;
      const id = `${o.topic}|${o.headers?.[DlqHeaders.sourcePartition]}|${source}`;
      if (dead.has(id)) return false;
      dead.add(id);
      return true;
    });
  }

  drainLateDropped(): number {
    return this.tasks.reduce((n, t) => n + (t.drainLateDropped?.() ?? 0), 0);
  }

  watermarks(): Readonly<Record<string, number>> {
    return Object.assign({}, ...this.tasks.map((t) => t.watermarks?.() ?? {}));
  }
}

/**
 * Merges the factories that read the same topic into one ({@link CompositeTask}), keeping the
 * order of first appearance.
 * @throws Error when two factories of one topic disagree on the trigger, or share a store name
 */
export function mergeFactoriesByTopic(factories: readonly TaskFactory[]): TaskFactory[] {
  const byTopic = new Map<string, TaskFactory[]>();
  for (const f of factories) {
    const list = byTopic.get(f.topic) ?? [];
    byTopic.set(f.topic, [...list, f]);
  }
  return [...byTopic.values()].map((group) => {
    if (group.length === 1) return group[0];
    const [first] = group;
    if (group.some((f) => f.trigger !== first.trigger)) throw new Error(`topic ${first.topic} is read with different triggers`);
    const storeNames = group.flatMap((f) => f.storeNames);
    const duplicate = storeNames.find((n, i) => storeNames.indexOf(n) !== i);
    if (duplicate) throw new Error(`store "${duplicate}" is defined twice on topic ${first.topic}`);
    return {
      topic: first.topic,
      trigger: first.trigger,
      storeNames,
      punctuate: group.some((f) => f.punctuate),
      create: (partition: number) => new CompositeTask(group.map((f) => f.create(partition))),
    };
  });
}
