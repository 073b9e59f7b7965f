import { decodeSignal, encodeSignal, encodeSignalStats, InternalTopics, isoTime, Signal, Topics } from '@sluice/contracts';
import { SIGNAL_STATS_OPERATOR, SignalStats, signalStatsJob, SignalStatsOptions } from '../jobs/signal-stats.job';
import { pipelineTaskFactory } from './pipeline-task';
import { originOf, rekeyedJobTopics, rekeyFactory } from './rekey-task';
import { StreamRecord } from './stream-record';
import { TaskFactory, TopicRequirement } from './topology';
import { TopologyContext } from './word-counts.topology';

/** Settings of the `signal-stats` job. */
export type SignalStatsTopologyOptions = TopologyContext &
  Required<Pick<SignalStatsOptions, 'batchIntervalMs' | 'windowSizeMs' | 'advanceMs' | 'allowedLatenessMs' | 'emitEarly'>> & { late: 'dlq' | 'drop' };

/** A decoded sample with the record it came from (to dead-letter it when late). */
type SampleIn = Signal & { record: StreamRecord };

/**
 * `signal-stats` as two sub-topologies:
 * 1. `signals` task ({@link RekeyTask}): decode every accepted form (bad ones, and event times
 *    outside `eventTimes`, to `signals.dlq`) and forward the canonical sample keyed by series to
 *    `<app>-signal-stats-repartition` — samples typed into the console producer have no key, and
 *    one series' samples must meet in one task for its windows and watermark;
 * 2. repartition task: `signalStatsJob` (event-time windows `[start, end)`, watermark = max event
 *    time − allowed lateness, one final result per window) → `signal-stats`; late samples go to
 *    `signals.dlq` (reason `late-record`, the source position in headers) or are counted.
 */
export function signalStatsFactories(o: SignalStatsTopologyOptions): TaskFactory[] {
  const shuffle = InternalTopics.repartition(o.applicationId, SIGNAL_STATS_OPERATOR);
  return [
    rekeyFactory<Signal>(Topics.signals, {
      ...o,
      repartitionTopic: shuffle,
      decode: (r) => decodeSignal(r.value, r.key?.toString('utf8') ?? null, r.timestamp, o.maxRecordBytes, o.eventTimes),
      encode: encodeSignal,
    }),
    pipelineTaskFactory({
      ...o,
      topic: shuffle,
      trigger: 'internal',
      build: () => signalStatsJob<SampleIn>({ ...o, late: 'return' }).build(),
      decode: (r) => {
        const d = decodeSignal(r.value, r.key?.toString('utf8') ?? null, r.timestamp, o.maxRecordBytes, o.eventTimes);
        return d.ok ? { ok: true, value: { ...d.value, record: r } } : d;
      },
      encode: encodeStats,
      sourceOf: (s) => originOf(s.record),
    }),
  ];
}

function encodeStats(s: SignalStats) {
  const value = { ...s, windowStart: isoTime(s.windowStart), windowEnd: isoTime(s.windowEnd), lastTime: isoTime(s.lastTime) };
  return { topic: Topics.signalStats, ...encodeSignalStats(value) };
}

/** Source, shuffle, DLQs and the output topic of `signal-stats` (changelogs: see `buildTopology`). */
export function signalStatsTopics(applicationId: string): TopicRequirement[] {
  return rekeyedJobTopics(applicationId, Topics.signals, SIGNAL_STATS_OPERATOR, Topics.signalStats);
}
