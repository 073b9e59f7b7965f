import { ConfigProblem, intVar, ProcessorConfig, section } from '@sluice/config';
import { multipleOfBatchInterval } from '../text/batch-windows.check';
import { tokenizerVar, windowMs } from '../text/text.config';

/** Settings of `word-counts-windowed`: the words shuffle's tokenizer and the window. */
export const wordCountsWindowedConfig = section(
  {
    tokenizer: tokenizerVar,
    windowLengthMs: intVar('WORD_WINDOW_LENGTH_MS', 30000, 'word-counts-windowed: window length (ms), a multiple of BATCH_INTERVAL_MS.', windowMs),
    slideMs: intVar('WORD_WINDOW_SLIDE_MS', 10000, 'word-counts-windowed: slide (ms), a multiple of BATCH_INTERVAL_MS.', windowMs),
  },
  (v) => v,
);
export type WordCountsWindowedConfig = ReturnType<typeof wordCountsWindowedConfig.build>;

/** Processing-time windows are made of whole micro-batches (Spark refuses them otherwise). */
export function wordCountsWindowedProblems(c: WordCountsWindowedConfig, p: ProcessorConfig): ConfigProblem[] {
  return [...multipleOfBatchInterval('WORD_WINDOW_LENGTH_MS', c.windowLengthMs, p), ...multipleOfBatchInterval('WORD_WINDOW_SLIDE_MS', c.slideMs, p)];
}
