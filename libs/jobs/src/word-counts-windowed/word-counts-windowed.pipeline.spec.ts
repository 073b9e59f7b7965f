import { PipelineDefinitionError, PipelineTestDriver, wordsTokenizer } from '@sluice/streaming';
import { WordCountsWindowedOptions, wordCountsWindowedFromCountsJob, wordCountsWindowedJob } from './word-counts-windowed.pipeline';

const small: WordCountsWindowedOptions = { batchIntervalMs: 1000, windowLengthMs: 2000, slideMs: 1000 };
const run = (o: WordCountsWindowedOptions, batches: string[][]) => {
  const job = wordCountsWindowedJob({ ...o, tokenizer: wordsTokenizer });
  return new PipelineTestDriver(() => job.build(), { batchIntervalMs: o.batchIntervalMs }).queueStream(batches);
};

describe(wordCountsWindowedJob.name, () => {
  describe('process', () => {
    it('counts each word over the window and carries the window bounds', () => {
      const [, second] = run(small, [['la Mancha, la'], ['LA']]);
      expect(second.records).toEqual([
        { word: 'la', count: 3, windowStart: 0, windowEnd: 2000 },
        { word: 'mancha', count: 1, windowStart: 0, windowEnd: 2000 },
      ]);
    });

    it('stops emitting a word once its batches left the window', () => {
      const results = run(small, [['hidalgo'], [], []]);
      expect(results.map((r) => r.records.map((c) => c.word))).toEqual([['hidalgo'], ['hidalgo'], []]);
    });

    it('emits only at multiples of the default 10 s slide, over the default 30 s', () => {
      const results = run({ batchIntervalMs: 1000 }, Array.from({ length: 20 }, () => ['uno']));
      const emitted = results.filter((r) => r.records.length > 0);
      expect(emitted.map((r) => r.records)).toEqual([
        [{ word: 'uno', count: 10, windowStart: -20_000, windowEnd: 10_000 }],
        [{ word: 'uno', count: 20, windowStart: -10_000, windowEnd: 20_000 }],
      ]);
    });

    it('gives the same counts with and without the incremental window', () => {
      const batches = [['a b a'], ['b'], [], ['c a'], []];
      expect(run({ ...small, incremental: false }, batches)).toEqual(run(small, batches));
    });
  });

  describe('definition', () => {
    it('names its stores from the stable operator name', () => {
      expect(wordCountsWindowedJob({ ...small, tokenizer: wordsTokenizer }).storeNames()).toEqual([
        'word-counts-windowed-slices',
        'word-counts-windowed-window',
        'word-counts-windowed-meta',
      ]);
    });

    it('fails when the length is not a multiple of the batch interval', () => {
      expect(() => wordCountsWindowedJob({ batchIntervalMs: 4000, tokenizer: wordsTokenizer })).toThrow(PipelineDefinitionError);
      expect(() => wordCountsWindowedJob({ batchIntervalMs: 5000, tokenizer: wordsTokenizer })).not.toThrow();
    });
  });
});

describe(wordCountsWindowedFromCountsJob.name, () => {
  describe('process', () => {
    it('windows per-batch [word, count] pairs as the line job does', () => {
      const job = wordCountsWindowedFromCountsJob(small);
      const d = new PipelineTestDriver(() => job.build(), { batchIntervalMs: 1000 });
      const [, second] = d.queueStream([[['la', 2]], [['la', 1], ['mancha', 1]]]);
      expect(second.records.map((c) => [c.word, c.count])).toEqual([
        ['la', 3],
        ['mancha', 1],
      ]);
    });
  });
});
