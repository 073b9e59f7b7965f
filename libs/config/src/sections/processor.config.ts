import { intVar, optionalStringVar, stringVar } from '../env-vars';
import { section } from '../config-section';

const ms = { min: 1, max: 7 * 24 * 3600 * 1000 };

/**
 * Micro-batch processor runtime settings. The jobs' own settings (`JOBS`, windows, tokenizer,
 * timeouts) are declared in their folders in libs/jobs and validated with these (`processorJobsConfig`).
 */
export const processorConfig = section(
  {
    batchIntervalMs: intVar('BATCH_INTERVAL_MS', 1000, 'Micro-batch trigger interval (ms).', { min: 50, max: 3600000 }),
    groupId: stringVar('PROCESSOR_GROUP_ID', 'sluice-processor', 'Consumer group (and prefix of transactional ids, state stores and internal topics).'),
    maxBufferedRecords: intVar('PROCESSOR_MAX_BUFFERED_RECORDS', 200000, 'Records buffered per micro-batch before fetching pauses (backpressure).', { min: 1000 }),
    snapshotIntervalMs: intVar('PROCESSOR_SNAPSHOT_INTERVAL_MS', 60000, 'With PROCESSOR_STATE_DIR: a running task also snapshots its state after a commit when its last snapshot is older than this (ms), so a restart after a crash restores at most this much changelog; 0 = only at a clean stop.', { min: 0, max: ms.max }),
    sessionTimeoutMs: intVar('PROCESSOR_SESSION_TIMEOUT_MS', 30000, "Consumer group session timeout (ms): a member silent this long is evicted (Kafka's session.timeout.ms; the broker allows 6000-1800000 by default).", { min: 6000, max: 1800000 }),
    transactionTimeoutMs: intVar('PROCESSOR_TRANSACTION_TIMEOUT_MS', 60000, 'Kafka transaction timeout (ms).', { min: 1000, max: 900000 }),
    stateDir: optionalStringVar('PROCESSOR_STATE_DIR', 'Directory of task state snapshots, written at a clean stop so a restart restores only the changelog written since (unset: every task restores its whole changelog).'),
    stallTimeoutMs: intVar('PROCESSOR_STALL_TIMEOUT_MS', 300000, 'GET /health/live fails (503) when work waited this long (ms) without progress (at least 2 batch intervals).', { min: 1000, max: ms.max }),
  },
  (v) => v,
);
export type ProcessorConfig = ReturnType<typeof processorConfig.build>;
