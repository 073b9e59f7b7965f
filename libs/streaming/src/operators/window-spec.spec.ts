import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { BatchWindows } from './window-spec';

describe(BatchWindows.name, () => {
  describe('sliding', () => {
    it('keeps the length and slide it was given', () => {
      expect(BatchWindows.sliding(30_000, 10_000)).toMatchObject({ lengthMs: 30_000, slideMs: 10_000 });
    });
  });

  describe('tumbling', () => {
    it('slides by its own length', () => {
      expect(BatchWindows.tumbling(60_000)).toMatchObject({ lengthMs: 60_000, slideMs: 60_000 });
    });
  });

  describe('checkAgainst', () => {
    it('accepts a length and slide that are multiples of the parent slide', () => {
      expect(() => BatchWindows.sliding(3000, 2000).checkAgainst(1000, 'ok')).not.toThrow();
    });

    it('names the operator, both values and the interval when the length is not a multiple', () => {
      expect(() => BatchWindows.sliding(2500, 1000).checkAgainst(1000, 'visits')).toThrow(
        new PipelineDefinitionError(
          'operator "visits": window length 2500 ms and slide 1000 ms must both be positive multiples of the parent stream\'s slide duration (1000 ms; the batch interval for a source stream); 2500 ms is not',
        ),
      );
    });

    it('lists both values when neither is a multiple', () => {
      expect(() => BatchWindows.sliding(2500, 1500).checkAgainst(1000, 'v')).toThrow('2500 ms and 1500 ms are not');
    });

    it('rejects zero, negative and fractional durations', () => {
      expect(() => BatchWindows.tumbling(0).checkAgainst(1000, 'v')).toThrow(PipelineDefinitionError);
      expect(() => BatchWindows.sliding(-1000, 1000).checkAgainst(1000, 'v')).toThrow(PipelineDefinitionError);
      expect(() => BatchWindows.sliding(1000.5, 1000).checkAgainst(0.5, 'v')).toThrow(PipelineDefinitionError);
    });

    it('checks a window of a window against the parent window slide, as Spark does', () => {
      expect(() => BatchWindows.sliding(4000, 2000).checkAgainst(2000, 'outer')).not.toThrow();
      expect(() => BatchWindows.sliding(3000, 3000).checkAgainst(2000, 'outer')).toThrow('(2000 ms;');
    });
  });

  describe('slidePointAtOrBefore', () => {
    it('aligns to the epoch', () => {
      const w = BatchWindows.sliding(3000, 2000);
      expect(w.slidePointAtOrBefore(4000)).toBe(4000);
      expect(w.slidePointAtOrBefore(5999)).toBe(4000);
      expect(w.slidePointAtOrBefore(5999)).not.toBe(6000);
    });
  });

  describe('nonEmptySlidePoints', () => {
    it('gives the slide points whose window (p - length, p] holds a batch, ascending', () => {
      const w = BatchWindows.sliding(3000, 1000);
      expect(w.nonEmptySlidePoints(-Infinity, 10_000, [1000])).toEqual([1000, 2000, 3000]);
      expect(w.nonEmptySlidePoints(-Infinity, 10_000, [1000])).not.toContain(4000);
    });

    it('only gives points after `after` and up to `upTo`', () => {
      const w = BatchWindows.sliding(3000, 1000);
      expect(w.nonEmptySlidePoints(1000, 2000, [1000, 2000])).toEqual([2000]);
    });

    it('gives nothing for batches between windows when the slide exceeds the length', () => {
      const w = BatchWindows.sliding(1000, 3000);
      expect(w.nonEmptySlidePoints(-Infinity, 9000, [1000, 2000])).toEqual([]);
      expect(w.nonEmptySlidePoints(-Infinity, 9000, [3000])).toEqual([3000]);
    });
  });
});
