import { boolVar, ConfigProblem, enumVar, intVar, section } from '@sluice/config';
import { windowMs } from '../text/text.config';

/** What happens to a record behind the watermark: `dlq` = to `<topic>.dlq` with reason `late-record`; `drop` = counted only. */
export const LATE_RECORD_POLICIES = ['dlq', 'drop'] as const;
export type LateRecordPolicy = (typeof LATE_RECORD_POLICIES)[number];

/** Settings of `signal-stats`. */
export const signalStatsConfig = section(
  {
    windowSizeMs: intVar('SIGNAL_WINDOW_SIZE_MS', 10000, 'signal-stats: event-time window size (ms).', windowMs),
    advanceMs: intVar('SIGNAL_WINDOW_ADVANCE_MS', 0, 'signal-stats: hop (ms) of hopping windows; 0 = tumbling (advance = size).', { min: 0, max: windowMs.max }),
    allowedLatenessMs: intVar('SIGNAL_ALLOWED_LATENESS_MS', 5000, 'signal-stats: watermark = max event time seen - this (ms).', { min: 0, max: windowMs.max }),
    emitEarly: boolVar('SIGNAL_EMIT_EARLY', false, 'signal-stats: also emit updates of open windows every batch (final: false).'),
    lateRecords: enumVar('LATE_RECORDS', LATE_RECORD_POLICIES, 'dlq', 'Records behind the watermark: dlq = to <topic>.dlq (reason late-record), drop = counted in sluice_late_records_total only.'),
  },
  (v) => v,
  advanceProblems,
);
export type SignalStatsConfig = ReturnType<typeof signalStatsConfig.build>;

function advanceProblems(c: { windowSizeMs: number; advanceMs: number }): ConfigProblem[] {
  if (c.advanceMs <= c.windowSizeMs) return [];
  return [{ variable: 'SIGNAL_WINDOW_ADVANCE_MS', message: `must be 0 or at most SIGNAL_WINDOW_SIZE_MS (${c.windowSizeMs} ms)`, received: String(c.advanceMs) }];
}
