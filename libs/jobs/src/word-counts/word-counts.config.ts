import { section } from '@sluice/config';
import { tokenizerVar } from '../text/text.config';

/** Settings of `word-counts`: only the tokenizer of the shared words shuffle. */
export const wordCountsConfig = section({ tokenizer: tokenizerVar }, (v) => v);
export type WordCountsConfig = ReturnType<typeof wordCountsConfig.build>;
