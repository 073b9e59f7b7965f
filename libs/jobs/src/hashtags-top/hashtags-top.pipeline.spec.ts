import { PipelineTestDriver } from '@sluice/streaming';
import { HashtagsTopOptions, hashtagsTopFromCountsJob, hashtagsTopJob } from './hashtags-top.pipeline';

const o: HashtagsTopOptions = { batchIntervalMs: 1000, windowLengthMs: 2000, slideMs: 1000, topN: 2 };

describe(hashtagsTopJob.name, () => {
  describe('process', () => {
    it('ranks the tags of the window by count, ties by tag, keeping the top N', () => {
      const d = new PipelineTestDriver(() => hashtagsTopJob(o).build(), { batchIntervalMs: 1000 });
      const [, second] = d.queueStream([['#b #c #a'], ['#c hola #a #d']]);
      expect(second.records).toEqual([
        {
          windowStart: 0,
          windowEnd: 2000,
          top: [
            { tag: 'a', count: 2 },
            { tag: 'c', count: 2 },
          ],
        },
      ]);
      expect(second.records[0].top.map((t) => t.tag)).not.toContain('b');
    });

    it('emits no record for a window without tags', () => {
      const d = new PipelineTestDriver(() => hashtagsTopJob(o).build(), { batchIntervalMs: 1000 });
      expect(d.queueStream([['sin etiquetas'], []]).map((r) => r.records)).toEqual([[], []]);
    });

    it('keeps 10 tags by default', () => {
      const line = Array.from({ length: 12 }, (_, i) => `#t${String(i).padStart(2, '0')}`).join(' ');
      const p = hashtagsTopJob({ batchIntervalMs: 1000, windowLengthMs: 1000, slideMs: 1000 }).build();
      expect(p.process([line], 1000).records[0].top).toHaveLength(10);
    });
  });
});

describe(hashtagsTopFromCountsJob.name, () => {
  describe('process', () => {
    it('ranks per-batch [tag, count] pairs', () => {
      const p = hashtagsTopFromCountsJob(o).build();
      expect(p.process([['x', 1], ['y', 5], ['z', 3]], 1000).records[0].top).toEqual([
        { tag: 'y', count: 5 },
        { tag: 'z', count: 3 },
      ]);
    });
  });
});
