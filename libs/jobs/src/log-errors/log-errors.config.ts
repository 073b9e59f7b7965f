import { ConfigProblem, enumVar, intVar, ProcessorConfig, section } from '@sluice/config';
import { multipleOfBatchInterval } from '../text/batch-windows.check';
import { windowMs } from '../text/text.config';
import { LOG_FORMATS } from './log-line.parser';

/** Settings of `log-errors`. */
export const logErrorsConfig = section(
  {
    format: enumVar('LOG_FORMAT', LOG_FORMATS, 'seed', 'log-errors: seed = a line containing ERROR (seed 004 detector.py); access = a web access log line with status >= 500.'),
    windowLengthMs: intVar('LOG_WINDOW_LENGTH_MS', 60000, 'log-errors: window length (ms), a multiple of BATCH_INTERVAL_MS.', windowMs),
    slideMs: intVar('LOG_WINDOW_SLIDE_MS', 10000, 'log-errors: slide (ms), a multiple of BATCH_INTERVAL_MS.', windowMs),
    topN: intVar('LOG_TOP_URLS', 10, 'log-errors: URLs per ranking.', { min: 1, max: 1000 }),
  },
  (v) => v,
);
export type LogErrorsConfig = ReturnType<typeof logErrorsConfig.build>;

/** Processing-time windows are made of whole micro-batches. */
export function logErrorsProblems(c: LogErrorsConfig, p: ProcessorConfig): ConfigProblem[] {
  return [...multipleOfBatchInterval('LOG_WINDOW_LENGTH_MS', c.windowLengthMs, p), ...multipleOfBatchInterval('LOG_WINDOW_SLIDE_MS', c.slideMs, p)];
}
