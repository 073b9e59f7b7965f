import { enumVar, intVar, listVar, numberVar, optionalStringVar, stringVar } from '../env-vars';
import { section } from '../config-section';

export const PRODUCER_SOURCES = ['text', 'sine', 'triangle'] as const;
export const TEXT_SOURCES = ['brown', 'quijote', 'file', 'stdin'] as const;
export type TextSourceName = (typeof TEXT_SOURCES)[number];

/** The producer's sources (service mode; CLI flags override these). */
export const producerConfig = section(
  {
    sources: listVar('PRODUCER_SOURCES', 'text,sine,triangle', 'Sources the producer service runs.', PRODUCER_SOURCES),
    textSource: enumVar('TEXT_SOURCE', TEXT_SOURCES, 'brown', 'Where text lines come from: the Brown Corpus, Don Quijote, TEXT_FILE or stdin.'),
    textFile: optionalStringVar('TEXT_FILE', 'File read when TEXT_SOURCE=file.'),
    quijotePath: stringVar('QUIJOTE_PATH', '../shared/data/don-quijote-pg2000.txt', 'Don Quijote text (Project Gutenberg #2000), relative to the working directory.'),
    textRate: numberVar('TEXT_RATE', 5, 'Lines per second (0 = as fast as possible).', { min: 0 }),
    textLines: intVar('TEXT_LINES', 0, 'Lines to send, repeating the source as needed (0 = the source once, or forever in the service).', { min: 0 }),
    deliveryTimeoutMs: intVar('PRODUCER_DELIVERY_TIMEOUT_MS', 300000, 'How long one transaction of a text, logs or files feed (in service mode: one send of a source) may take, retries included, before the producer gives up (ms): a broker outage shorter than this loses nothing.', { min: 1000 }),
    transactionLines: intVar('PRODUCER_TRANSACTION_LINES', 2000, 'Most lines a text feed commits in one Kafka transaction (with its checkpoint).', { min: 1, max: 100000 }),
    sineAmplitude: numberVar('SINE_AMPLITUDE', 50, 'Sine amplitude A in A·sin(step·n).'),
    sineStep: numberVar('SINE_STEP', 0.1, 'Sine step in A·sin(step·n) (radians per sample).'),
    sineIntervalMs: intVar('SINE_INTERVAL_MS', 1000, 'Time between sine samples (ms).', { min: 1 }),
    trianglePhase: numberVar('TRIANGLE_PHASE', 0, 'Triangle phase (samples).'),
    triangleLength: numberVar('TRIANGLE_LENGTH', 30, 'Triangle period (samples).', { min: 0.000001 }),
    triangleAmplitude: numberVar('TRIANGLE_AMPLITUDE', 10, 'Triangle amplitude (peak to peak).'),
    triangleIntervalMs: intVar('TRIANGLE_INTERVAL_MS', 1000, 'Time between triangle samples (ms).', { min: 1 }),
  },
  (v) => v,
  (c) => (c.textSource === 'file' && !c.textFile ? [{ variable: 'TEXT_FILE', message: 'is required when TEXT_SOURCE=file' }] : []),
);
export type ProducerConfig = ReturnType<typeof producerConfig.build>;
