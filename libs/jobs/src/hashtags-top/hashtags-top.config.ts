import { ConfigProblem, intVar, ProcessorConfig, section } from '@sluice/config';
import { multipleOfBatchInterval } from '../text/batch-windows.check';
import { windowMs } from '../text/text.config';

/** Settings of `hashtags-top`. */
export const hashtagsTopConfig = section(
  {
    windowLengthMs: intVar('HASHTAG_WINDOW_LENGTH_MS', 30000, 'hashtags-top: window length (ms), a multiple of BATCH_INTERVAL_MS.', windowMs),
    slideMs: intVar('HASHTAG_WINDOW_SLIDE_MS', 10000, 'hashtags-top: slide (ms), a multiple of BATCH_INTERVAL_MS.', windowMs),
    topN: intVar('HASHTAG_TOP_N', 10, 'hashtags-top: tags per window.', { min: 1, max: 1000 }),
  },
  (v) => v,
);
export type HashtagsTopConfig = ReturnType<typeof hashtagsTopConfig.build>;

/** Processing-time windows are made of whole micro-batches. */
export function hashtagsTopProblems(c: HashtagsTopConfig, p: ProcessorConfig): ConfigProblem[] {
  return [...multipleOfBatchInterval('HASHTAG_WINDOW_LENGTH_MS', c.windowLengthMs, p), ...multipleOfBatchInterval('HASHTAG_WINDOW_SLIDE_MS', c.slideMs, p)];
}
