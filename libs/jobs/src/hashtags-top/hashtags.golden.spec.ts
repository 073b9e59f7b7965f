import { hashtagsTopJob } from './hashtags-top.pipeline';
import { PipelineTestDriver } from '@sluice/streaming';

/**
 * The seed's hashtag job (document 001): hashtags counted per batch and sorted by count
 * (`reduceByKey(+).transform(sortByKey(False))`), here also over a sliding window.
 *
 * Expected rankings derive from the counts below (ties by tag ascending, our deterministic rule):
 * b1: MorataDimision ×2, Volcan ×1; b2: Qatar2022 ×1, MorataDeMiVida ×1.
 */
const tweets = [
  ['Dimite ya #MorataDimision', 'Otra vez #MorataDimision y el #Volcan'],
  ['Empieza #Qatar2022', '#MorataDeMiVida golazo'],
];

describe(hashtagsTopJob.name, () => {
  describe('golden: the seed hashtags, sorted by count', () => {
    it('ranks each batch alone with a window of one batch', () => {
      const job = hashtagsTopJob({ batchIntervalMs: 1000, windowLengthMs: 1000, slideMs: 1000 });
      const driver = new PipelineTestDriver(() => job.build(), { batchIntervalMs: 1000 });
      // batch | rank: [tag, count]
      const expected: Array<[number, Array<[string, number]>]> = [
        [1000, [['MorataDimision', 2], ['Volcan', 1]]],
        [2000, [['MorataDeMiVida', 1], ['Qatar2022', 1]]],
      ];
      const out = driver.queueStream(tweets).flatMap((r) => r.records.map((w) => [w.windowEnd, w.top.map((t) => [t.tag, t.count])]));
      expect(out).toEqual(expected);
    });

    it('ranks the union of the last two batches over a 2 s window sliding every second', () => {
      const job = hashtagsTopJob({ batchIntervalMs: 1000, windowLengthMs: 2000, slideMs: 1000 });
      const driver = new PipelineTestDriver(() => job.build(), { batchIntervalMs: 1000 });
      // window end | window start | ranking
      const expected: Array<[number, number, Array<[string, number]>]> = [
        [1000, -1000, [['MorataDimision', 2], ['Volcan', 1]]],
        [2000, 0, [['MorataDimision', 2], ['MorataDeMiVida', 1], ['Qatar2022', 1], ['Volcan', 1]]],
        [3000, 1000, [['MorataDeMiVida', 1], ['Qatar2022', 1]]],
        // 4000: (2 s, 4 s] holds no tag, nothing emitted
      ];
      const out = driver.queueStream([...tweets, [], []]).flatMap((r) => r.records.map((w) => [w.windowEnd, w.windowStart, w.top.map((t) => [t.tag, t.count])]));
      expect(out).toEqual(expected);
    });
  });
});
