import type { CleanupPolicy } from '../topics';
import { wordCountContract } from '../word-counts/word-count';
import { hashtagsTopContract } from './hashtags-top';
import { sensorExtremesContract } from './sensor-extremes';
import { signalStatsContract } from './signal-stats';
import { wordWindowCountContract } from './word-window-count';

/**
 * Cleanup policy of each result topic of libs/contracts, from its contract's `cleanup`, so that it
 * stays a complete table of the latest value per key from which a store can be rebuilt
 * (`npm run rebuild`): the running results (`word-counts`, `sensor-extremes`) are compacted and
 * kept for good; the windowed ones are compacted and also deleted after the topic's `retention.ms`
 * (the broker default, 7 days, far longer than a window lives). Source topics keep Kafka's default
 * (`delete`). Compaction keeps each kept record's offset, so a replay writes the same versions as
 * the first pass. The provisioner applies it whoever creates the topic (a writer may be first).
 */
export const RESULT_TOPIC_CLEANUP: Readonly<Record<string, CleanupPolicy>> = Object.fromEntries(
  [wordCountContract, sensorExtremesContract, wordWindowCountContract, signalStatsContract, hashtagsTopContract].map((c) => [c.topic, c.cleanup!]),
);
