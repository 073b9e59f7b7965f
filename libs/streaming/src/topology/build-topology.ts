import type { JobName, TokenizerName } from '@sluice/config';
import { tokenizerFor } from '../text/tokenizer';
import { TaskFactory, Topology, TopicRequirement } from './topology';
import { wordCountsFactories, wordCountsTopics } from './word-counts.topology';

export interface TopologyOptions {
  applicationId: string;
  jobs: readonly JobName[];
  tokenizer: TokenizerName;
  maxRecordBytes: number;
  service?: string;
  now?: () => number;
}

/**
 * Builds the processor topology from configuration — a pure function, testable without Kafka.
 * Factories of several jobs reading the same topic are merged into one task per partition.
 * @throws Error when a job is named that this build does not provide
 */
export function buildTopology(o: TopologyOptions): Topology {
  const factories: TaskFactory[] = [];
  const topics: TopicRequirement[] = [];
  const ctx = { applicationId: o.applicationId, maxRecordBytes: o.maxRecordBytes, service: o.service ?? 'processor', now: o.now ?? Date.now };
  for (const job of o.jobs) {
    switch (job) {
      case 'word-counts':
        factories.push(...wordCountsFactories({ ...ctx, tokenizer: tokenizerFor(o.tokenizer) }));
        topics.push(...wordCountsTopics(o.applicationId));
        break;
      default:
        throw new Error(`JOBS: job "${job}" is not available in this build`);
    }
  }
  return { applicationId: o.applicationId, factories, topics };
}
