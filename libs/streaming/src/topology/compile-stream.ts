import { Decoded, dlqTopic, InternalTopics } from '@sluice/contracts';
import type { Repartition } from '../operators/repartition';
import type { MicroBatchStream } from '../stream/micro-batch-stream';
import { pipelineTaskFactory } from './pipeline-task';
import { sourceHeaders } from './source-position';
import { OutputRecord, StreamRecord } from './stream-record';
import { BATCH_TIME_HEADER, TaskFactory, TopicRequirement } from './topology';

/** Where a compiled stream reads: a source topic and the decoder of its records (its input contract). */
export interface StreamSource<I> {
  topic: string;
  /** A rejection goes to `<topic>.dlq` with its reason; a throw, with `processing-error`. */
  decode: (record: StreamRecord) => Decoded<I>;
}

/** What a compiled stream does with its results. */
export interface StreamSink<O, L> {
  /** The result record to publish (topic, key, value), from the output contract's encoder. */
  encode: (output: O) => OutputRecord;
  /** The input record a late element came from (event-time operators with `late: 'return'`). */
  sourceOf?: (late: L) => StreamRecord;
  /** `dlq` (default): late elements go to the DLQ (reason `late-record`); `drop`: only counted. */
  late?: 'dlq' | 'drop';
}

/** Options of {@link compileStream}. */
export interface CompileStreamOptions<I, O, L> {
  /** Consumer group: the prefix of the internal topics. */
  applicationId: string;
  /** Service name written in DLQ headers. */
  service: string;
  now: () => number;
  source: StreamSource<I>;
  sink: StreamSink<O, L>;
}

/** One sub-topology of a compiled stream: its task factory and, when it ends in one, the repartition topic it feeds. */
export interface CompiledSegment {
  factory: TaskFactory;
  /** The internal topic the segment writes; segments feeding the same one are the same sub-topology. */
  feeds?: string;
}

/** A stream compiled for the Kafka runtime: its task factories and the topics it needs. */
export interface CompiledStream {
  segments: CompiledSegment[];
  /** The source, each repartition topic and their DLQs (outputs and changelogs are the caller's). */
  topics: TopicRequirement[];
}

/**
 * Compiles a {@link MicroBatchStream} definition into runtime task factories — a pure function,
 * testable without a broker, as Kafka Streams builds a `Topology` from its DSL.
 *
 * The stream is cut at each `repartition(name, keyOf)` step (see `repartitionStage`): the first
 * segment reads `source.topic` on every batch interval (`trigger: 'source'`); each later segment
 * reads `<applicationId>-<name>-repartition` as soon as its upstream batch is committed
 * (`trigger: 'internal'`). A segment ending in a repartition writes every output record there,
 * keyed by `keyOf`, valued by the codec, with the header `sluice-batch-time` (and the
 * `sluice-source-*` headers when the step has `sourceOf`); the last segment's outputs go through
 * `sink.encode`. Each segment runs as a `PipelineTask`: undecodable records and records whose
 * processing throws are dead-lettered one by one, stores are changelogged and restored, and a
 * segment with stores is punctuated so that its windows and timeouts advance without input.
 *
 * @throws PipelineDefinitionError from the stream's operators (built once here to learn the store names)
 */
export function compileStream<I, O, L>(stream: MicroBatchStream<I, O, L>, o: CompileStreamOptions<I, O, L>): CompiledStream {
  const { segments } = stream.plan();
  const out: CompiledSegment[] = [];
  const topics: TopicRequirement[] = [{ name: o.source.topic, cleanupPolicy: 'delete' }, { name: dlqTopic(o.source.topic), cleanupPolicy: 'delete' }];
  let input: { topic: string; trigger: 'source' | 'internal'; decode: (r: StreamRecord) => Decoded<unknown> } = { topic: o.source.topic, trigger: 'source', decode: o.source.decode };
  for (const segment of segments) {
    const exit = segment.exit;
    const feeds = exit ? InternalTopics.repartition(o.applicationId, exit.name) : undefined;
    const factory = pipelineTaskFactory<unknown, unknown, unknown>({
      topic: input.topic,
      trigger: input.trigger,
      build: () => segment.build(),
      decode: input.decode,
      encode: exit && feeds ? toRepartition(exit, feeds) : (r) => o.sink.encode(r as O),
      sourceOf: o.sink.sourceOf as ((late: unknown) => StreamRecord) | undefined,
      late: o.sink.late,
      service: o.service,
      now: o.now,
    });
    out.push({ factory, feeds });
    if (exit && feeds) {
      topics.push({ name: feeds, cleanupPolicy: 'delete', ...(exit.partitions ? { partitions: exit.partitions } : {}) }, { name: dlqTopic(feeds), cleanupPolicy: 'delete' });
      input = { topic: feeds, trigger: 'internal', decode: (r) => exit.codec.decode(r) };
    }
  }
  return { segments: out, topics };
}

function toRepartition(exit: Repartition<unknown>, topic: string): (record: unknown, batchTimeMs: number) => OutputRecord {
  return (record, batchTimeMs) => ({
    topic,
    key: exit.keyOf(record),
    value: exit.codec.encode(record),
    headers: { [BATCH_TIME_HEADER]: String(batchTimeMs), ...(exit.sourceOf ? sourceHeaders(exit.sourceOf(record)) : {}) },
  });
}

