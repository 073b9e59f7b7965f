import { ConfigResourceTypes, Kafka } from 'kafkajs';

/** Kafka's default `message.max.bytes` (bytes), used for a topic the broker did not describe. */
export const KAFKA_DEFAULT_MESSAGE_MAX_BYTES = 1048588;

/** The largest record batch (bytes) the broker accepts, per topic. */
export interface RecordBatchLimits {
  /** The broker's `message.max.bytes` (bytes). */
  readonly brokerMaxBytes: number;
  /** min(broker `message.max.bytes`, the topic's `max.message.bytes`) in bytes. */
  limitFor(topic: string): number;
}

/** Limits that are the same for every topic (tests, or a broker that was not asked). */
export function uniformRecordBatchLimits(bytes: number): RecordBatchLimits {
  return { brokerMaxBytes: bytes, limitFor: () => bytes };
}

/**
 * Reads the record batch limits the runtime must stay under with DescribeConfigs: the broker's
 * `message.max.bytes` (of the first broker of the cluster; a one-node or uniformly configured
 * cluster is assumed) and each topic's effective `max.message.bytes` (its override, else the
 * broker default). Call it once at start-up, after the topics exist; a topic changed later is
 * picked up at the next start.
 *
 * @throws when the broker cannot be asked (the caller fails start-up, an orchestrator retries it)
 */
export async function loadRecordBatchLimits(kafka: Kafka, topics: readonly string[]): Promise<RecordBatchLimits> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { brokers } = await admin.describeCluster();
    const brokerName = String(brokers[0]?.nodeId ?? 0);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.BROKER, name: brokerName, configNames: ['message.max.bytes'] },
        ...[...new Set(topics)].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['max.message.bytes'] })),
      ],
    });
    const value = (r: (typeof resources)[number], name: string) => Number(r.configEntries.find((e) => e.configName === name)?.configValue);
    const broker = resources.find((r) => r.resourceType === ConfigResourceTypes.BROKER);
    const brokerMaxBytes = (broker && value(broker, 'message.max.bytes')) || KAFKA_DEFAULT_MESSAGE_MAX_BYTES;
    const byTopic = new Map<string, number>();
    for (const r of resources) {
      const v = r.resourceType === ConfigResourceTypes.TOPIC && r.errorCode === 0 ? value(r, 'max.message.bytes') : NaN;
      if (v > 0) byTopic.set(r.resourceName, Math.min(v, brokerMaxBytes));
    }
    return { brokerMaxBytes, limitFor: (topic) => byTopic.get(topic) ?? brokerMaxBytes };
  } catch (e) {
    throw new Error(`could not read message.max.bytes / max.message.bytes from the broker: ${(e as Error).message}`, { cause: e });
  } finally {
    await admin.disconnect();
  }
}
