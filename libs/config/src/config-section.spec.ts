import { ConfigError } from './config-error';
import { loadConfig } from './config-section';
import { kafkaConfig, processorConfig, writerConfig } from './sections';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({ kafka: kafkaConfig, processor: processorConfig }, {});
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.kafka.partitions).toBe(6);
    expect(c.processor.batchIntervalMs).toBe(1000);
    expect(c.processor.tokenizer).toBe('words');
    expect(c.processor.jobs).toEqual(['word-counts', 'word-counts-windowed', 'signal-stats', 'sensor-extremes', 'hashtags-top']);
  });

  it('parses set values', () => {
    const c = loadConfig({ processor: processorConfig }, { BATCH_INTERVAL_MS: '250', TOKENIZER: 'whitespace', JOBS: ' word-counts ' });
    expect(c.processor).toMatchObject({ batchIntervalMs: 250, tokenizer: 'whitespace', jobs: ['word-counts'] });
  });

  it('lists every invalid variable at once, naming the allowed values', () => {
    let error: unknown;
    try {
      loadConfig({ kafka: kafkaConfig, processor: processorConfig }, { BATCH_INTERVAL_MS: '10', TOKENIZER: 'nltk', TOPIC_PARTITIONS: 'six', JOBS: 'word-counts,pagerank' });
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

  it('accepts the minimum batch interval of 50 ms', () => {
    expect(loadConfig({ p: processorConfig }, { BATCH_INTERVAL_MS: '50' }).p.batchIntervalMs).toBe(50);
  });
});

describe('processor window settings', () => {
  it('accepts every job and the default windows', () => {
    const c = loadConfig({ p: processorConfig }, { JOBS: 'word-counts,word-counts-windowed,signal-stats,sensor-extremes,hashtags-top' });
    expect(c.p.jobs).toHaveLength(5);
    expect(c.p).toMatchObject({ wordWindowLengthMs: 30000, wordWindowSlideMs: 10000, signalWindowSizeMs: 10000, signalAllowedLatenessMs: 5000, hashtagTopN: 10, lateRecords: 'dlq' });
  });

  it('refuses a window length or slide that is not a multiple of the batch interval, naming both values', () => {
    expect(() => loadConfig({ p: processorConfig }, { BATCH_INTERVAL_MS: '2000', WORD_WINDOW_LENGTH_MS: '30000', WORD_WINDOW_SLIDE_MS: '5000' })).toThrow(
      'WORD_WINDOW_SLIDE_MS: must be a multiple of BATCH_INTERVAL_MS (2000 ms) (got "5000")',
    );
  });

  it('refuses a hop longer than the event-time window', () => {
    expect(() => loadConfig({ p: processorConfig }, { SIGNAL_WINDOW_SIZE_MS: '1000', SIGNAL_WINDOW_ADVANCE_MS: '2000' })).toThrow('SIGNAL_WINDOW_ADVANCE_MS');
  });
});

describe('writer settings', () => {
  const topics = ['word-counts', 'signal-stats'] as const;

  it('reads every topic of the store by default and a subset when WRITER_TOPICS names one', () => {
    expect(loadConfig({ w: writerConfig('mongo', topics) }, {}).w.topics).toEqual(['word-counts', 'signal-stats']);
    expect(loadConfig({ w: writerConfig('mongo', topics) }, { WRITER_TOPICS: 'signal-stats' }).w.topics).toEqual(['signal-stats']);
  });

  it('refuses a topic the store does not keep, naming the allowed ones', () => {
    expect(() => loadConfig({ w: writerConfig('mongo', topics) }, { WRITER_TOPICS: 'signals' })).toThrow('WRITER_TOPICS: allowed values are word-counts, signal-stats; unknown: signals');
  });
});
