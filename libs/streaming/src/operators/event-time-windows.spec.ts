import { PipelineDefinitionError } from '../stream/pipeline-definition-error';
import { EventTimeWindows } from './event-time-windows';

describe(EventTimeWindows.name, () => {
  describe('startsFor', () => {
    const tumbling = EventTimeWindows.ofSizeAndLateness(10_000, 5_000);

    it('puts a record exactly at a window start in that window [start, end)', () => {
      expect(tumbling.startsFor(10_000)).toEqual([10_000]);
    });

    it('puts a record exactly at a window end in the next window, not the one that ends there', () => {
      expect(tumbling.startsFor(20_000)).toEqual([20_000]);
      expect(tumbling.startsFor(20_000)).not.toContain(10_000);
      expect(tumbling.startsFor(19_999)).toEqual([10_000]);
    });

    it('aligns windows to the epoch', () => {
      expect(tumbling.startsFor(1_700_000_003_456)).toEqual([1_700_000_000_000]);
    });

    it('gives size / advance hopping windows per record, ascending', () => {
      const hopping = EventTimeWindows.ofSizeWithNoLateness(10_000).advanceBy(5_000);
      expect(hopping.startsFor(12_000)).toEqual([5_000, 10_000]);
      expect(hopping.startsFor(15_000)).toEqual([10_000, 15_000]);
    });
  });

  describe('ofSizeAndLateness', () => {
    it('keeps size, advance and lateness', () => {
      expect(EventTimeWindows.ofSizeAndLateness(10_000, 5_000)).toMatchObject({ sizeMs: 10_000, advanceMs: 10_000, allowedLatenessMs: 5_000 });
    });

    it('rejects a negative lateness and a non-positive size', () => {
      expect(() => EventTimeWindows.ofSizeAndLateness(10_000, -1)).toThrow(PipelineDefinitionError);
      expect(() => EventTimeWindows.ofSizeAndLateness(0, 0)).toThrow('window size must be a positive integer');
    });
  });

  describe('advanceBy', () => {
    it('rejects an advance larger than the size, accepts one equal to it', () => {
      expect(() => EventTimeWindows.ofSizeWithNoLateness(10_000).advanceBy(20_000)).toThrow('no larger than the size (10000 ms)');
      expect(EventTimeWindows.ofSizeWithNoLateness(10_000).advanceBy(10_000).advanceMs).toBe(10_000);
    });
  });
});
