import { Decoded, dlqTopic, InternalTopics } from '@sluice/contracts';
import { deadLetter, processingFailure } from './dead-letter';
import { OutputRecord, StreamRecord } from './stream-record';
import { BATCH_TIME_HEADER, SourceHeaders, StreamTask, TaskFactory, TopicRequirement } from './topology';

/** Options of {@link RekeyTask}. */
export interface RekeyOptions<T> {
  /** Decodes a source record; a rejection goes to `<topic>.dlq`. */
  decode: (record: StreamRecord) => Decoded<T>;
  /** The key the downstream operator groups by, and the value to forward (canonical form). */
  encode: (value: T) => { key: string; value: Buffer };
  /** The repartition topic. */
  repartitionTopic: string;
  service: string;
  now: () => number;
}

/**
 * A stateless source task that re-keys a topic for a stateful operator (Kafka Streams'
 * `selectKey` + repartition topic): decodes each record, dead-letters what cannot be decoded and
 * forwards the rest keyed by what the operator groups by, so every record of one key reaches the
 * same downstream task whatever partition (or key) the producer used — records typed into the
 * console producer have no key at all.
 *
 * Forwarded records carry the batch time (`sluice-batch-time`) and their original position
 * ({@link SourceHeaders}), so a record refused downstream is dead-lettered against its source.
 * A record whose decoding or encoding throws goes to `<topic>.dlq` with reason
 * `processing-error` and the error; the rest of the batch is forwarded.
 */
export class RekeyTask<T> implements StreamTask {
  readonly stores = [];

  constructor(private readonly o: RekeyOptions<T>) {}

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const out: OutputRecord[] = [];
    const time = String(batchTimeMs);
    for (const r of records) {
      try {
        out.push(this.forward(r, time));
      } catch (e) {
        out.push(processingFailure(r, e, this.o.service, this.o.now()));
      }
    }
    return out;
  }

  /** The record re-keyed, or its dead letter when it cannot be decoded; throws when decoding or encoding does. */
  private forward(r: StreamRecord, time: string): OutputRecord {
    const d = this.o.decode(r);
    if (!d.ok) return deadLetter(r, d.reason, d.detail, this.o.service, this.o.now());
    const { key, value } = this.o.encode(d.value);
    return {
      topic: this.o.repartitionTopic,
      key,
      value,
      headers: { [BATCH_TIME_HEADER]: time, [SourceHeaders.topic]: r.topic, [SourceHeaders.partition]: String(r.partition), [SourceHeaders.offset]: r.offset },
    };
  }
}

/**
 * The record as it was at its source, for a dead letter: a repartitioned record with its
 * {@link SourceHeaders} becomes its source topic/partition/offset (value: the forwarded canonical
 * form); any other record is returned as is.
 */
export function originOf(r: StreamRecord): StreamRecord {
  const topic = r.headers[SourceHeaders.topic];
  if (!topic) return r;
  const headers = { ...r.headers };
  for (const h of [BATCH_TIME_HEADER, SourceHeaders.topic, SourceHeaders.partition, SourceHeaders.offset]) delete headers[h];
  return { ...r, topic, partition: Number(r.headers[SourceHeaders.partition] ?? r.partition), offset: r.headers[SourceHeaders.offset] ?? r.offset, headers };
}

/** The source task factory of a {@link RekeyTask}: `source` re-keyed to `repartitionTopic`. */
export function rekeyFactory<T>(source: string, o: RekeyOptions<T>): TaskFactory {
  return { topic: source, trigger: 'source', storeNames: [], create: () => new RekeyTask<T>(o) };
}

/**
 * Topics of a job that re-keys `source` for `operator` and publishes to `output`: the source, the
 * `<app>-<operator>-repartition` shuffle, both DLQs and the output (changelogs: see `buildTopology`).
 */
export function rekeyedJobTopics(applicationId: string, source: string, operator: string, output: string): TopicRequirement[] {
  const shuffle = InternalTopics.repartition(applicationId, operator);
  return [source, dlqTopic(source), shuffle, dlqTopic(shuffle), output].map((name) => ({ name, cleanupPolicy: 'delete' as const }));
}
