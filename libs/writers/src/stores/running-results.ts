import { type AnyResultContract, type CleanupPolicy, RESULT_TOPIC_CLEANUP } from '@sluice/contracts';
import { JOB_REGISTRY } from '@sluice/jobs';

/**
 * The running results among `topics`: the result topics whose contract keeps them as a compacted
 * table of one latest value per key (`cleanup: 'compact'`, e.g. `word-counts`, `sensor-extremes`),
 * as opposed to windowed results (`compact,delete`), which gain a new key every window. A writer
 * reads these first when it is behind ({@link CatchUpPriority}). The policy comes from the
 * contracts of libs/contracts ({@link RESULT_TOPIC_CLEANUP}) and of the registered jobs' outputs.
 */
export function runningResultTopics(topics: readonly string[], registry: ReadonlyArray<{ outputs: readonly AnyResultContract[] }> = JOB_REGISTRY): Set<string> {
  const declared = new Map<string, CleanupPolicy | undefined>(registry.flatMap((j) => j.outputs).map((c) => [c.topic, c.cleanup]));
  return new Set(topics.filter((t) => (RESULT_TOPIC_CLEANUP[t] ?? declared.get(t)) === 'compact'));
}
