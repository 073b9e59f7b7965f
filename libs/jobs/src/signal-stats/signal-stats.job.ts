import { signalStatsContract, Decoded, decoded, decodeSignal, encodeSignal, isoTime, Signal, Topics } from '@sluice/contracts';
import { compileStream, MicroBatchStream, originOf, RepartitionCodec, StreamRecord, StreamSource } from '@sluice/streaming';
import { resultRecord } from '../result-record';
import { defineJob, JobContext } from '../job-definition';
import { signalStatsConfig } from './signal-stats.config';
import { SIGNAL_STATS_OPERATOR, signalStatsOf } from './signal-stats.pipeline';

/** A decoded sample with the record it was read from (to dead-letter it against its source when late). */
type SampleIn = Signal & { record: StreamRecord };

/** Decodes every accepted signal form (bad ones, and event times outside `eventTimes`, to the DLQ), keeping the record. */
function decodeSample(ctx: JobContext): (r: StreamRecord) => Decoded<SampleIn> {
  return (r) => {
    const d = decodeSignal(r.value, r.key?.toString('utf8') ?? null, r.timestamp, ctx.maxRecordBytes, ctx.eventTimes);
    return d.ok ? decoded({ ...d.value, record: r }) : d;
  };
}

/**
 * `signal-stats`: `signals` decoded and repartitioned by series (samples typed into the console
 * producer have no key), then count/min/max/mean/last per series and event-time window
 * (`signalStatsOf`). Late samples go to `signals.dlq` (reason `late-record`, the source position in
 * headers) or are counted (`LATE_RECORDS=drop`).
 */
export const signalStatsDefinition = defineJob({
  name: 'signal-stats',
  summary: 'count, min, max, mean, last per wave series and event-time window (10 s tumbling, watermark = max event time − 5 s; late samples to the DLQ)',
  config: signalStatsConfig,
  inputs: [Topics.signals],
  outputs: [signalStatsContract],
  compile: (ctx, c) => {
    const source: StreamSource<SampleIn> = { topic: Topics.signals, decode: decodeSample(ctx) };
    const codec: RepartitionCodec<SampleIn> = { encode: (s) => encodeSignal(s).value, decode: source.decode };
    const bySeries = MicroBatchStream.source<SampleIn>({ batchIntervalMs: ctx.batchIntervalMs }).repartition(SIGNAL_STATS_OPERATOR, (s) => s.series, { codec, sourceOf: (s) => s.record });
    const stats = signalStatsOf(bySeries, {
      batchIntervalMs: ctx.batchIntervalMs,
      windowSizeMs: c.windowSizeMs,
      advanceMs: c.advanceMs || c.windowSizeMs,
      allowedLatenessMs: c.allowedLatenessMs,
      emitEarly: c.emitEarly,
      late: 'return',
    });
    return [
      compileStream(stats, {
        ...ctx,
        source,
        sink: {
          encode: (s) => resultRecord(signalStatsContract, { ...s, windowStart: isoTime(s.windowStart), windowEnd: isoTime(s.windowEnd), lastTime: isoTime(s.lastTime) }),
          sourceOf: (late) => originOf(late.record),
          late: c.lateRecords,
        },
      }),
    ];
  },
});
