import { Topics, resultContract } from '@sluice/contracts';
import { z } from 'zod';
import { runningResultTopics } from './running-results';

describe('runningResultTopics', () => {
  it('keeps the compacted running results and leaves the windowed ones', () => {
    const all = [Topics.wordCounts, Topics.wordCountsWindowed, Topics.signalStats, Topics.sensorExtremes, Topics.hashtagsTop];
    expect([...runningResultTopics(all)].sort()).toEqual([Topics.sensorExtremes, Topics.wordCounts].sort());
  });

  it("reads a registered job's output from its contract's cleanup policy", () => {
    const schema = z.object({ k: z.string() });
    const registry = [{ outputs: [resultContract({ topic: 'totals', schema, keyOf: (r) => r.k, cleanup: 'compact' }), resultContract({ topic: 'per-window', schema, keyOf: (r) => r.k, cleanup: 'compact,delete' })] }];
    expect([...runningResultTopics(['totals', 'per-window', 'unknown'], registry)]).toEqual(['totals']);
  });
});
