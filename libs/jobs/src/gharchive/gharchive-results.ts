import { isoTimeString, resultContract } from '@sluice/contracts';
import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD day');

/**
 * `gharchive-bronze`: the **bronze** layer of seed 002 — every valid GitHub event as it arrived,
 * with its UTC day and hour. Key = the event id (an event ingested twice is one row). Kept in
 * Cassandra partitioned by `(event_date, event_hour)`: GH Archive holds ~100,000 events an hour, so a
 * day in one partition would outgrow what Cassandra serves well (~100 MB); a day is read as
 * `WHERE event_date = ? AND event_hour IN (0, …, 23)`. The seed partitions its bronze folder by
 * year/month/day; the hour is the finer cut the issue allows.
 */
export const ghBronzeEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  actor: z.string().min(1),
  repo: z.string().min(1),
  org: z.string().nullable(),
  createdAt: isoTimeString,
  eventDate: day,
  eventHour: z.number().int().min(0).max(23),
  public: z.boolean(),
  /** The event's `payload`, JSON text. */
  payload: z.string(),
});
export type GhBronzeEvent = z.infer<typeof ghBronzeEventSchema>;
export const ghBronzeEventContract = resultContract({
  topic: 'gharchive-bronze',
  schema: ghBronzeEventSchema,
  keyOf: (e) => e.id,
  cleanup: 'compact',
  stores: {
    cassandra: {
      kind: 'table',
      table: 'gharchive_events',
      columns: { event_date: 'date', event_hour: 'int', id: 'text', type: 'text', actor: 'text', repo: 'text', org: 'text', created_at: 'timestamp', public: 'boolean', payload: 'text' },
      primaryKey: '((event_date, event_hour), id)',
      row: (e) => ({ event_date: e.eventDate, event_hour: e.eventHour, id: e.id, type: e.type, actor: e.actor, repo: e.repo, org: e.org, created_at: e.createdAt, public: e.public, payload: e.payload }),
    },
  },
});

/**
 * `gharchive-type-counts`: the events of one UTC day counted per event type (absolute, since the
 * start), one record per day updated in a micro-batch holding every type of that day. Key = the day.
 */
export const ghTypeCountsSchema = z.object({
  date: day,
  counts: z.record(z.number().int().positive()),
  /** Micro-batch time of the update, ISO-8601. */
  updatedAt: isoTimeString,
});
export type GhTypeCounts = z.infer<typeof ghTypeCountsSchema>;
export const ghTypeCountsContract = resultContract({
  topic: 'gharchive-type-counts',
  schema: ghTypeCountsSchema,
  keyOf: (r) => r.date,
  cleanup: 'compact',
  stores: {
    redis: { kind: 'hash', keyPattern: 'gharchive:types:*', key: (r) => `gharchive:types:${r.date}`, fields: (r) => r.counts },
    mongo: { kind: 'collection', collection: 'gharchive_type_counts', fields: (r) => ({ counts: r.counts, updatedAt: new Date(r.updatedAt) }) },
  },
});

/**
 * `gharchive-top-repos`: the repositories with the most events of one UTC day, by count descending,
 * ties by name ascending (absolute, since the start). Key = the day: a later ranking replaces the former.
 */
export const ghTopReposSchema = z.object({
  date: day,
  top: z.array(z.object({ repo: z.string().min(1), count: z.number().int().positive() })),
  updatedAt: isoTimeString,
});
export type GhTopRepos = z.infer<typeof ghTopReposSchema>;
export const ghTopReposContract = resultContract({
  topic: 'gharchive-top-repos',
  schema: ghTopReposSchema,
  keyOf: (r) => r.date,
  cleanup: 'compact',
  stores: {
    redis: { kind: 'sorted-set', mode: 'ranking', keyPattern: 'gharchive:top-repos:*', key: (r) => `gharchive:top-repos:${r.date}`, members: (r) => r.top.map((t) => [t.repo, t.count]), expires: false },
    mongo: { kind: 'collection', collection: 'gharchive_top_repos', fields: (r) => ({ top: r.top, updatedAt: new Date(r.updatedAt) }) },
  },
});
