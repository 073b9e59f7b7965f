import { isoTime } from '@sluice/contracts';
import { compileStream } from '@sluice/streaming';
import { defineJob } from '../job-definition';
import { resultRecord } from '../result-record';
import { GHARCHIVE_EVENTS_TOPIC, gharchiveEventsSource } from './gharchive-events.source';
import { ghBronzeEventContract, ghTopReposContract, ghTypeCountsContract } from './gharchive-results';
import { gharchiveConfig } from './gharchive.config';
import { gharchiveBronzePipeline, gharchiveTopReposPipeline, gharchiveTypeCountsPipeline } from './gharchive.pipeline';

/**
 * `gharchive`: seed 002's incremental GH Archive load as a stream. `producer files` ingests the
 * hourly NDJSON files of a landing directory into `gharchive-events` (each file exactly once); this
 * job keeps the bronze layer (every valid event, for Cassandra partitioned by day and hour) and
 * the per-day aggregates: events per type, and the top repositories.
 */
export const gharchiveDefinition = defineJob({
  name: 'gharchive',
  summary: 'GH Archive events of `gharchive-events` (seed 002, landing → bronze): the bronze events by day and hour, events per day and type, the top 10 repositories per day',
  config: gharchiveConfig,
  inputs: [GHARCHIVE_EVENTS_TOPIC],
  outputs: [ghBronzeEventContract, ghTypeCountsContract, ghTopReposContract],
  compile: (ctx, c) => {
    const o = { batchIntervalMs: ctx.batchIntervalMs, topN: c.topN };
    const source = gharchiveEventsSource(ctx);
    return [
      compileStream(gharchiveBronzePipeline(o), {
        ...ctx,
        source,
        sink: {
          encode: (e) =>
            resultRecord(ghBronzeEventContract, {
              id: e.id,
              type: e.type,
              actor: e.actor,
              repo: e.repo,
              org: e.org,
              createdAt: isoTime(e.createdAtMs),
              eventDate: e.eventDate,
              eventHour: e.eventHour,
              public: e.public,
              payload: e.payload,
            }),
        },
      }),
      compileStream(gharchiveTypeCountsPipeline(o), { ...ctx, source, sink: { encode: (r) => resultRecord(ghTypeCountsContract, { date: r.date, counts: r.counts, updatedAt: isoTime(r.updatedAtMs) }) } }),
      compileStream(gharchiveTopReposPipeline(o), { ...ctx, source, sink: { encode: (r) => resultRecord(ghTopReposContract, { date: r.date, top: r.top, updatedAt: isoTime(r.updatedAtMs) }) } }),
    ];
  },
});
