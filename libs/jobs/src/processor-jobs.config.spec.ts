import { ConfigError, kafkaConfig, loadConfig } from '@sluice/config';
import { processorJobsConfig } from './processor-jobs.config';
import { JOB_NAMES } from './registry';

describe('processorJobsConfig', () => {
  it('applies defaults when nothing is set: every job of the registry, in its order', () => {
    const c = loadConfig({ processor: processorJobsConfig }, {}).processor;
    expect(c.runtime.batchIntervalMs).toBe(1000);
    expect(c.jobs).toEqual(['word-counts', 'word-counts-windowed', 'signal-stats', 'sensor-extremes', 'hashtags-top', 'log-errors', 'gharchive']);
    expect(c.settings['log-errors']).toEqual({ format: 'seed', windowLengthMs: 60000, slideMs: 10000, topN: 10 });
    expect(c.settings.gharchive).toEqual({ topN: 10 });
    expect(c.settings['word-counts'].tokenizer).toBe('words');
    expect(c.settings['word-counts-windowed']).toEqual({ tokenizer: 'words', windowLengthMs: 30000, slideMs: 10000 });
    expect(c.settings['signal-stats']).toEqual({ windowSizeMs: 10000, advanceMs: 0, allowedLatenessMs: 5000, emitEarly: false, lateRecords: 'dlq' });
    expect(c.settings['sensor-extremes']).toEqual({ idleTimeoutMs: 600000 });
    expect(c.settings['hashtags-top']).toEqual({ windowLengthMs: 30000, slideMs: 10000, topN: 10 });
  });

  it('parses set values; a variable several jobs share is read by each', () => {
    const c = loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '250', TOKENIZER: 'whitespace', JOBS: ' word-counts ' }).p;
    expect(c.runtime.batchIntervalMs).toBe(250);
    expect(c.jobs).toEqual(['word-counts']);
    expect(c.settings['word-counts'].tokenizer).toBe('whitespace');
    expect(c.settings['word-counts-windowed'].tokenizer).toBe('whitespace');
  });

  it('lists every variable once, JOBS with the registry as allowed values', () => {
    const names = processorJobsConfig.vars.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['BATCH_INTERVAL_MS', 'JOBS', 'TOKENIZER', 'WORD_WINDOW_LENGTH_MS', 'HASHTAG_TOP_N', 'LATE_RECORDS', 'SENSOR_IDLE_TIMEOUT_MS']));
    expect(processorJobsConfig.vars.find((v) => v.name === 'JOBS')?.defaultValue).toBe(JOB_NAMES.join(','));
  });

  it('lists every invalid variable at once, naming the allowed values', () => {
    let error: unknown;
    try {
      loadConfig({ kafka: kafkaConfig, processor: processorJobsConfig }, { BATCH_INTERVAL_MS: '10', TOKENIZER: 'nltk', TOPIC_PARTITIONS: 'six', JOBS: 'word-counts,pagerank' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('BATCH_INTERVAL_MS: must be an integer >= 50 and <= 3600000 (got "10")');
    expect(message).toContain('TOKENIZER: allowed values are words, whitespace (got "nltk")');
    expect(message).toContain('TOPIC_PARTITIONS: must be an integer');
    expect(message).toContain('unknown: pagerank');
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('refuses a window length or slide that is not a multiple of the batch interval, naming both values', () => {
    expect(() => loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '2000', WORD_WINDOW_LENGTH_MS: '30000', WORD_WINDOW_SLIDE_MS: '5000' })).toThrow(
      'WORD_WINDOW_SLIDE_MS: must be a multiple of BATCH_INTERVAL_MS (2000 ms) (got "5000")',
    );
    expect(() => loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '2000', HASHTAG_WINDOW_SLIDE_MS: '3000' })).toThrow('HASHTAG_WINDOW_SLIDE_MS');
    expect(() => loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '2000' })).not.toThrow();
  });

  it('checks windows against the batch interval only for the jobs that run', () => {
    expect(() => loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '20000', JOBS: 'word-counts' })).not.toThrow();
    expect(() => loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '20000', JOBS: 'word-counts,word-counts-windowed' })).toThrow('WORD_WINDOW_SLIDE_MS: must be a multiple of BATCH_INTERVAL_MS (20000 ms)');
    expect(() => loadConfig({ p: processorJobsConfig }, { BATCH_INTERVAL_MS: '20000', JOBS: 'word-counts', TOKENIZER: 'nltk' })).toThrow('TOKENIZER');
  });

  it('refuses a hop longer than the event-time window', () => {
    expect(() => loadConfig({ p: processorJobsConfig }, { SIGNAL_WINDOW_SIZE_MS: '1000', SIGNAL_WINDOW_ADVANCE_MS: '2000' })).toThrow('SIGNAL_WINDOW_ADVANCE_MS');
  });
});
