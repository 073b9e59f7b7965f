import { enumVar } from '@sluice/config';
import { TOKENIZER_NAMES } from '@sluice/streaming';

/** `TOKENIZER`, shared by the jobs that count the words of `text-lines` (they share one words shuffle). */
export const tokenizerVar = enumVar('TOKENIZER', TOKENIZER_NAMES, 'words', 'words = Unicode words, lowercased, punctuation stripped; whitespace = Spark line.split(" ").');

/** Bounds of a window length or slide (ms): 1 ms to a week. */
export const windowMs = { min: 1, max: 7 * 24 * 3600 * 1000 };
