import type { ConfigProblem } from '../config-error';
import { boolVar, enumVar, intVar, listVar, stringVar } from '../env-vars';
import { section } from '../config-section';

export const TOKENIZERS = ['words', 'whitespace'] as const;
export type TokenizerName = (typeof TOKENIZERS)[number];

/** Jobs this build provides; `JOBS` picks any subset. */
export const JOB_NAMES = ['word-counts', 'word-counts-windowed', 'signal-stats', 'sensor-extremes', 'hashtags-top'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What happens to a record behind the watermark: `dlq` = to `<topic>.dlq` with reason `late-record`; `drop` = counted only. */
export const LATE_RECORD_POLICIES = ['dlq', 'drop'] as const;
export type LateRecordPolicy = (typeof LATE_RECORD_POLICIES)[number];

const ms = { min: 1, max: 7 * 24 * 3600 * 1000 };

/** Micro-batch processor settings, with the window and state settings of its jobs. */
export const processorConfig = section(
  {
    batchIntervalMs: intVar('BATCH_INTERVAL_MS', 1000, 'Micro-batch trigger interval (ms).', { min: 50, max: 3600000 }),
    tokenizer: enumVar('TOKENIZER', TOKENIZERS, 'words', 'words = Unicode words, lowercased, punctuation stripped; whitespace = Spark line.split(" ").'),
    jobs: listVar('JOBS', JOB_NAMES.join(','), 'Jobs the processor runs (comma-separated); default: every job.', JOB_NAMES),
    groupId: stringVar('PROCESSOR_GROUP_ID', 'sluice-processor', 'Consumer group (and prefix of transactional ids, state stores and internal topics).'),
    maxBufferedRecords: intVar('PROCESSOR_MAX_BUFFERED_RECORDS', 200000, 'Records buffered per micro-batch before fetching pauses (backpressure).', { min: 1000 }),
    transactionTimeoutMs: intVar('PROCESSOR_TRANSACTION_TIMEOUT_MS', 60000, 'Kafka transaction timeout (ms).', { min: 1000, max: 900000 }),
    stallTimeoutMs: intVar('PROCESSOR_STALL_TIMEOUT_MS', 300000, 'GET /health/live fails (503) when work waited this long (ms) without progress (at least 2 batch intervals).', { min: 1000, max: ms.max }),
    wordWindowLengthMs: intVar('WORD_WINDOW_LENGTH_MS', 30000, 'word-counts-windowed: window length (ms), a multiple of BATCH_INTERVAL_MS.', ms),
    wordWindowSlideMs: intVar('WORD_WINDOW_SLIDE_MS', 10000, 'word-counts-windowed: slide (ms), a multiple of BATCH_INTERVAL_MS.', ms),
    hashtagWindowLengthMs: intVar('HASHTAG_WINDOW_LENGTH_MS', 30000, 'hashtags-top: window length (ms), a multiple of BATCH_INTERVAL_MS.', ms),
    hashtagWindowSlideMs: intVar('HASHTAG_WINDOW_SLIDE_MS', 10000, 'hashtags-top: slide (ms), a multiple of BATCH_INTERVAL_MS.', ms),
    hashtagTopN: intVar('HASHTAG_TOP_N', 10, 'hashtags-top: tags per window.', { min: 1, max: 1000 }),
    signalWindowSizeMs: intVar('SIGNAL_WINDOW_SIZE_MS', 10000, 'signal-stats: event-time window size (ms).', ms),
    signalWindowAdvanceMs: intVar('SIGNAL_WINDOW_ADVANCE_MS', 0, 'signal-stats: hop (ms) of hopping windows; 0 = tumbling (advance = size).', { min: 0, max: ms.max }),
    signalAllowedLatenessMs: intVar('SIGNAL_ALLOWED_LATENESS_MS', 5000, 'signal-stats: watermark = max event time seen - this (ms).', { min: 0, max: ms.max }),
    signalEmitEarly: boolVar('SIGNAL_EMIT_EARLY', false, 'signal-stats: also emit updates of open windows every batch (final: false).'),
    lateRecords: enumVar('LATE_RECORDS', LATE_RECORD_POLICIES, 'dlq', 'Records behind the watermark: dlq = to <topic>.dlq (reason late-record), drop = counted in sluice_late_records_total only.'),
    sensorIdleTimeoutMs: intVar('SENSOR_IDLE_TIMEOUT_MS', 600000, 'sensor-extremes: a key without readings for longer than this (ms) is removed.', ms),
  },
  (v) => v,
  windowProblems,
);
export type ProcessorConfig = ReturnType<typeof processorConfig.build>;

/** Processing-time windows must be made of whole micro-batches (Spark refuses them otherwise). */
function windowProblems(c: { batchIntervalMs: number } & Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const multiple = (variable: string, value: number) => {
    if (value % c.batchIntervalMs !== 0) {
      problems.push({ variable, message: `must be a multiple of BATCH_INTERVAL_MS (${c.batchIntervalMs} ms)`, received: String(value) });
    }
  };
  multiple('WORD_WINDOW_LENGTH_MS', c.wordWindowLengthMs as number);
  multiple('WORD_WINDOW_SLIDE_MS', c.wordWindowSlideMs as number);
  multiple('HASHTAG_WINDOW_LENGTH_MS', c.hashtagWindowLengthMs as number);
  multiple('HASHTAG_WINDOW_SLIDE_MS', c.hashtagWindowSlideMs as number);
  const advance = c.signalWindowAdvanceMs as number;
  if (advance > (c.signalWindowSizeMs as number)) {
    problems.push({ variable: 'SIGNAL_WINDOW_ADVANCE_MS', message: `must be 0 or at most SIGNAL_WINDOW_SIZE_MS (${c.signalWindowSizeMs} ms)`, received: String(advance) });
  }
  return problems;
}
