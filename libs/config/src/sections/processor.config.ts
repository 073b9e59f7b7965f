import { enumVar, intVar, listVar, stringVar } from '../env-vars';
import { section } from '../config-section';

export const TOKENIZERS = ['words', 'whitespace'] as const;
export type TokenizerName = (typeof TOKENIZERS)[number];

/** Jobs this build provides (the windowed jobs of the operators issue will join this list). */
export const JOB_NAMES = ['word-counts'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Micro-batch processor settings. */
export const processorConfig = section(
  {
    batchIntervalMs: intVar('BATCH_INTERVAL_MS', 1000, 'Micro-batch trigger interval (ms).', { min: 50, max: 3600000 }),
    tokenizer: enumVar('TOKENIZER', TOKENIZERS, 'words', 'words = Unicode words, lowercased, punctuation stripped; whitespace = Spark line.split(" ").'),
    jobs: listVar('JOBS', 'word-counts', 'Jobs the processor runs.', JOB_NAMES),
    groupId: stringVar('PROCESSOR_GROUP_ID', 'sluice-processor', 'Consumer group (and prefix of transactional ids, state stores and internal topics).'),
    maxBufferedRecords: intVar('PROCESSOR_MAX_BUFFERED_RECORDS', 200000, 'Records buffered per micro-batch before fetching pauses (backpressure).', { min: 1000 }),
    transactionTimeoutMs: intVar('PROCESSOR_TRANSACTION_TIMEOUT_MS', 60000, 'Kafka transaction timeout (ms).', { min: 1000, max: 900000 }),
  },
  (v) => v,
);
export type ProcessorConfig = ReturnType<typeof processorConfig.build>;
