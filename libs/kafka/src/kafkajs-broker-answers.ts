import { z } from 'zod';

/** One row of kafkajs's table of Kafka protocol error codes (`kafkajs/src/protocol/error.js`). */
const kafkaErrorCodeSchema = z.object({ type: z.string(), code: z.number(), retriable: z.boolean(), message: z.string() });
export type KafkaErrorCode = z.infer<typeof kafkaErrorCodeSchema>;

/**
 * Error types kafkajs recovers from although its table marks them not retriable: REBALANCE_IN_PROGRESS
 * makes the consumer re-join the group (kafkajs `consumer/runner.js`), which is the protocol's intent.
 */
const RECOVERED_BY_CLIENT = new Set(['REBALANCE_IN_PROGRESS']);

/**
 * Answers after which kafkajs re-joins the consumer group (`consumer/runner.js`,
 * `consumer/consumerGroup.js`): the member was evicted (a heartbeat later than the session timeout)
 * and its partitions moved. kafkajs recovers, so this is no error; it is still a warning, because
 * a slow member is worth knowing about.
 */
const REJOINED_BY_CLIENT = new Set(['UNKNOWN_MEMBER_ID']);

/** Prefixes kafkajs puts before a broker error message in its own log lines (`producer/sendMessages.js`). */
const KAFKAJS_MESSAGE_PREFIXES = ['', 'Failed to send messages: '];

/**
 * Reads the code table kafkajs itself uses to turn a broker's error code into a `KafkaJSProtocolError`.
 * kafkajs' logCreator only receives strings (`error: e.message`), so the exact message text of a code
 * is the one link from a log line back to the code: this is a lookup in the driver's table, not a
 * pattern on free text.
 *
 * @throws when the kafkajs version no longer ships the table in this shape (fails at start-up)
 */
export function loadKafkaErrorCodes(): KafkaErrorCode[] {
  // An internal kafkajs module without typings; the schema below checks its shape.
  const table: unknown = require('kafkajs/src/protocol/error').errorCodes;
  return z.array(kafkaErrorCodeSchema).parse(table);
}

/**
 * Broker answers that kafkajs retries on its own (CONCURRENT_TRANSACTIONS while the previous
 * transaction of a transactional id completes, NOT_COORDINATOR_FOR_GROUP, GROUP_LOAD_IN_PROGRESS,
 * LEADER_NOT_AVAILABLE, REBALANCE_IN_PROGRESS, ...): the `retriable` rows of the kafkajs table plus
 * {@link RECOVERED_BY_CLIENT}. A retry that finally fails reaches the caller as an exception, which
 * is where an error belongs.
 */
export class RetriableBrokerAnswers {
  private readonly byText = new Map<string, string>();
  private readonly rejoinByText = new Map<string, string>();

  constructor(codes: KafkaErrorCode[] = loadKafkaErrorCodes()) {
    for (const c of codes) {
      const table = c.retriable || RECOVERED_BY_CLIENT.has(c.type) ? this.byText : REJOINED_BY_CLIENT.has(c.type) ? this.rejoinByText : undefined;
      for (const prefix of KAFKAJS_MESSAGE_PREFIXES) table?.set(prefix + c.message, c.type);
    }
  }

  /**
   * The Kafka error type when a kafkajs log entry reports an eviction from the group after which
   * kafkajs re-joins ({@link REJOINED_BY_CLIENT}: UNKNOWN_MEMBER_ID); same arguments as {@link typeOf}.
   */
  rejoinTypeOf(message: string, error?: unknown): string | undefined {
    return (typeof error === 'string' ? this.rejoinByText.get(error) : undefined) ?? this.rejoinByText.get(message);
  }

  /**
   * The Kafka error type a kafkajs log entry reports when it is a retried broker answer.
   *
   * @param message the log entry's `message`
   * @param error the entry's `error` field (kafkajs sets it to the error's message), if any
   * @returns e.g. `CONCURRENT_TRANSACTIONS`, or undefined for any other line
   */
  typeOf(message: string, error?: unknown): string | undefined {
    return (typeof error === 'string' ? this.byText.get(error) : undefined) ?? this.byText.get(message);
  }
}
