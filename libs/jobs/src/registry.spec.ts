import { Topics } from '@sluice/contracts';
import { JOB_NAMES, JOB_REGISTRY } from './registry';

describe('JOB_REGISTRY', () => {
  it('names every job once, and JOB_NAMES follows it', () => {
    expect(JOB_NAMES).toEqual(['word-counts', 'word-counts-windowed', 'signal-stats', 'sensor-extremes', 'hashtags-top', 'log-errors', 'gharchive']);
    expect(new Set(JOB_NAMES).size).toBe(JOB_REGISTRY.length);
  });

  it('gives every job inputs and outputs with Kafka topic names, each output written by one job only', () => {
    const outputs = JOB_REGISTRY.flatMap((j) => j.outputs.map((o) => o.topic));
    for (const j of JOB_REGISTRY) for (const t of [...j.inputs, ...j.outputs.map((o) => o.topic)]) expect(t).toMatch(/^[A-Za-z0-9._-]{1,200}$/);
    expect(new Set(outputs).size).toBe(outputs.length);
    expect(JOB_REGISTRY.find((j) => j.name === 'word-counts')?.outputs.map((o) => o.topic)).toEqual([Topics.wordCounts]);
  });

  it('gives every job a summary and a config section whose variables are named', () => {
    for (const j of JOB_REGISTRY) {
      expect(j.summary.length).toBeGreaterThan(10);
      expect(j.config.vars.every((v) => /^[A-Z_]+$/.test(v.name))).toBe(true);
    }
  });
});
