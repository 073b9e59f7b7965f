import { logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import type { Logger } from '@sluice/observability';
import { RetriableBrokerAnswers } from './kafkajs-broker-answers';

type PinoLevel = 'error' | 'warn' | 'info' | 'debug';

/** kafkajs' message for a CreateTopics answer with per-topic errors (`protocol/requests/createTopics`). */
const TOPIC_CREATION_ERRORS = 'Topic creation errors';

const LEVELS: Record<number, PinoLevel> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** Options of {@link KafkajsLogRouter}. */
export interface KafkajsLogRouterOptions {
  /** Length of a counting window in ms (default 10,000): one summary or repeat line per window and key. */
  windowMs?: number;
  answers?: RetriableBrokerAnswers;
}

interface Window {
  count: number;
  timer: NodeJS.Timeout;
}

/**
 * Sends kafkajs' own log entries to a service's pino logger (`context: kafkajs`) with levels that
 * mean what they say:
 * - a broker answer kafkajs retries by itself ({@link RetriableBrokerAnswers}: CONCURRENT_TRANSACTIONS
 *   after a processor restart, NOT_COORDINATOR_FOR_GROUP, LEADER_NOT_AVAILABLE, ...) is logged at
 *   debug, and once per window at info as `kafkajs retried a broker answer` with `kafkaError` and
 *   `count` (the number of such lines in the window);
 * - an eviction from the consumer group after which kafkajs re-joins (UNKNOWN_MEMBER_ID, which
 *   kafkajs logs as an error) is a warning;
 * - kafkajs' error line for a CreateTopics answer with per-topic errors (`Topic creation errors`,
 *   what several services starting at once get when another one created a topic first) is debug:
 *   `ensureTopics` reads each topic's error, takes an existing topic as success and retries or
 *   throws the others, so a real failure is reported there;
 * - any other entry keeps kafkajs' level (ERROR→error, WARN→warn, INFO→info, DEBUG→debug), and an
 *   identical warn or error line (same level, namespace, message and `error`) repeated within a
 *   window is logged once, then once more at the window's end with `repeated` (the suppressed count)
 *   and the fields of the latest one.
 *
 * Windows are timers that do not keep the process alive; {@link flush} writes the pending counts.
 */
export class KafkajsLogRouter {
  private readonly windowMs: number;
  private readonly answers: RetriableBrokerAnswers;
  private readonly retried = new Map<string, Window>();
  private readonly repeats = new Map<string, Window & { level: PinoLevel; fields: object; message: string }>();

  constructor(
    private readonly log: Logger,
    options: KafkajsLogRouterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 10_000;
    this.answers = options.answers ?? new RetriableBrokerAnswers();
  }

  /** Handles one kafkajs log entry (the function a kafkajs `logCreator` returns). */
  route({ namespace, level, log: entry }: LogEntry): void {
    const { message, timestamp: _ts, logger: _l, ...extra } = entry;
    const fields = { namespace, ...extra };
    const kafkaError = this.answers.typeOf(message, extra.error);
    if (kafkaError) {
      this.log.debug({ ...fields, kafkaError }, message);
      this.countRetried(kafkaError);
      return;
    }
    if (namespace === 'Connection' && extra.error === TOPIC_CREATION_ERRORS && message.startsWith('Response CreateTopics')) {
      this.log.debug(fields, message);
      return;
    }
    const rejoined = this.answers.rejoinTypeOf(message, extra.error);
    const pinoLevel = rejoined ? 'warn' : (LEVELS[level] ?? 'info');
    const shown = rejoined ? { ...fields, kafkaError: rejoined } : fields;
    if (pinoLevel !== 'warn' && pinoLevel !== 'error') {
      this.log[pinoLevel](shown, message);
      return;
    }
    const key = JSON.stringify([pinoLevel, namespace, message, extra.error]);
    const seen = this.repeats.get(key);
    if (seen) {
      seen.count += 1;
      seen.fields = shown; // the summary shows the latest (retryCount, retryTime...)
      return;
    }
    this.log[pinoLevel](shown, message);
    const timer = setTimeout(() => this.endRepeatWindow(key), this.windowMs).unref();
    this.repeats.set(key, { count: 0, timer, level: pinoLevel, fields: shown, message });
  }

  /** Writes every pending count now and clears the windows (e.g. when the client disconnects). */
  flush(): void {
    for (const key of [...this.retried.keys()]) this.endRetriedWindow(key);
    for (const key of [...this.repeats.keys()]) this.endRepeatWindow(key);
  }

  private countRetried(kafkaError: string): void {
    const window = this.retried.get(kafkaError);
    if (window) {
      window.count += 1;
      return;
    }
    const timer = setTimeout(() => this.endRetriedWindow(kafkaError), this.windowMs).unref();
    this.retried.set(kafkaError, { count: 1, timer });
  }

  private endRetriedWindow(kafkaError: string): void {
    const window = this.retried.get(kafkaError);
    if (!window) return;
    clearTimeout(window.timer);
    this.retried.delete(kafkaError);
    this.log.info({ kafkaError, count: window.count, windowMs: this.windowMs }, 'kafkajs retried a broker answer');
  }

  private endRepeatWindow(key: string): void {
    const window = this.repeats.get(key);
    if (!window) return;
    clearTimeout(window.timer);
    this.repeats.delete(key);
    if (window.count > 0) this.log[window.level]({ ...window.fields, repeated: window.count, windowMs: this.windowMs }, window.message);
  }
}
