import { Decoded, isoTime } from '@sluice/contracts';
import type { LateRecord } from '../stream/stage';
import type { Pipeline } from '../stream/pipeline';
import { deadLetter, processingFailure } from './dead-letter';
import { isolateFailingRecords } from './isolate-failing-records';
import { OutputRecord, StreamRecord } from './stream-record';
import { StreamTask, TaskFactory } from './topology';

/** Options of {@link PipelineTask}. */
export interface PipelineTaskOptions<I, O, L> {
  /** A fresh pipeline instance (one per task): `MicroBatchStream#build()`. */
  pipeline: Pipeline<I, O, L>;
  /** Decodes an input record; a rejection goes to `<topic>.dlq` with its reason. */
  decode: (record: StreamRecord) => Decoded<I>;
  /** Turns an output element into the record to publish; `batchTimeMs` is the time `process` was called with. */
  encode: (output: O, batchTimeMs: number) => OutputRecord;
  /**
   * The input record (its original position) a late element came from, for its dead letter.
   * Needed only by pipelines that refuse late records (event-time operators with `late: 'return'`).
   */
  sourceOf?: (late: L) => StreamRecord;
  /** `dlq` (default): late elements go to the DLQ (reason `late-record`); `drop`: they are only counted. */
  late?: 'dlq' | 'drop';
  /** Service name written in DLQ headers. */
  service: string;
  now: () => number;
}

/**
 * Runs a micro-batch {@link Pipeline} (libs/streaming's operators) as a runtime task: decodes the
 * batch's records, hands them to the pipeline at the batch time, and returns its outputs encoded,
 * plus dead letters for undecodable records and — with the `dlq` policy — for late ones.
 * The pipeline's stores are the task's stores, so the runtime restores and changelogs them.
 *
 * Failures are per record: a record whose decoding throws goes to `<topic>.dlq` with reason
 * `processing-error`; when the batch call or the encoding of its outputs throws, the stores are
 * rolled back and the batch runs again without the records that make it throw
 * ({@link isolateFailingRecords}), each dead-lettered with `processing-error` and the error. The
 * task throws only when the batch fails without any record (`BatchFailedWithoutRecordsError`).
 */
export class PipelineTask<I, O, L> implements StreamTask {
  readonly stores;
  private lateDropped = 0;
  private readonly latestWatermarks: Record<string, number> = {};

  constructor(private readonly o: PipelineTaskOptions<I, O, L>) {
    this.stores = o.pipeline.stores();
  }

  process(records: readonly StreamRecord[], batchTimeMs: number): OutputRecord[] {
    const out: OutputRecord[] = [];
    const inputs: Array<{ record: StreamRecord; input: I }> = [];
    for (const r of records) {
      try {
        const d = this.o.decode(r);
        if (d.ok) inputs.push({ record: r, input: d.value });
        else out.push(deadLetter(r, d.reason, d.detail, this.o.service, this.o.now()));
      } catch (e) {
        out.push(processingFailure(r, e, this.o.service, this.o.now()));
      }
    }
    const { result, failures } = isolateFailingRecords(this.stores, inputs, (batch) => this.run(batch.map((b) => b.input), batchTimeMs));
    for (const f of failures) out.push(processingFailure(f.record.record, f.error, this.o.service, this.o.now()));
    out.push(...result.out);
    this.lateDropped += result.lateDropped;
    Object.assign(this.latestWatermarks, result.watermarks);
    return out;
  }

  /** The watermark of each event-time operator after the last batch (ms, by operator name). */
  watermarks(): Readonly<Record<string, number>> {
    return { ...this.latestWatermarks };
  }

  drainLateDropped(): number {
    const n = this.lateDropped;
    this.lateDropped = 0;
    return n;
  }

  /** One attempt at the batch: the pipeline call and everything derived from its result (it may throw). */
  private run(inputs: readonly I[], batchTimeMs: number): { out: OutputRecord[]; lateDropped: number; watermarks: Record<string, number> } {
    const result = this.o.pipeline.process(inputs, batchTimeMs);
    const out = result.records.map((o) => this.o.encode(o, batchTimeMs));
    let lateDropped = result.lateDropped;
    for (const l of result.late) {
      if (this.o.late === 'drop') {
        lateDropped++;
        continue;
      }
      if (!this.o.sourceOf) throw new Error(`operator ${l.operator} handed back a late record but its task has no sourceOf`);
      out.push(deadLetter(this.o.sourceOf(l.record), 'late-record', lateDetail(l), this.o.service, this.o.now()));
    }
    return { out, lateDropped, watermarks: result.watermarks };
  }
}

function lateDetail(l: LateRecord<unknown>): string {
  if (l.reason === 'invalid-time') return `operator ${l.operator}: the event time is not a number`;
  const iso = (ms: number | null) => (ms === null ? 'none' : isoTime(ms));
  return `operator ${l.operator}: event time ${iso(l.eventTimeMs)} is behind the watermark ${iso(l.watermarkMs)}; its last window ended at ${iso(l.windowEndMs)}`;
}

/** Options of {@link pipelineTaskFactory}: where the task reads, and how to build its pipeline. */
export interface PipelineTaskFactoryOptions<I, O, L> extends Omit<PipelineTaskOptions<I, O, L>, 'pipeline'> {
  topic: string;
  trigger: 'source' | 'internal';
  /** A fresh pipeline instance; called once more up front to learn its store names. */
  build: () => Pipeline<I, O, L>;
}

/**
 * A {@link TaskFactory} running a pipeline per partition. The pipeline's stores are declared from
 * a throwaway instance (store names are stable, so every instance has the same), and the task is
 * punctuated when it has stores: windows and timeouts must advance without input.
 */
export function pipelineTaskFactory<I, O, L>(o: PipelineTaskFactoryOptions<I, O, L>): TaskFactory {
  const storeNames = o.build().stores().map((s) => s.name);
  return {
    topic: o.topic,
    trigger: o.trigger,
    storeNames,
    punctuate: storeNames.length > 0,
    create: () => new PipelineTask({ ...o, pipeline: o.build() }),
  };
}
