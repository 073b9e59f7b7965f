import { z } from 'zod';
import { checkEventTime, Decoded, decoded, decodeJson, EventTimeRange, isoTimeString } from '@sluice/contracts';
import type { StreamRecord, StreamSource } from '@sluice/streaming';
import { decodeOnce } from '../decode-once';
import type { JobContext } from '../job-definition';

/**
 * `gharchive-events`: one GitHub event per record, a line of a GH Archive hourly file as it is
 * (`producer files --landing DIR --format ndjson` publishes each line as one record).
 */
export const GHARCHIVE_EVENTS_TOPIC = 'gharchive-events';

/** A login or a name, nested as in GH Archive's JSON (`{"login": …}`) or flat as in its CSV exports. */
const nested = <K extends string>(key: K, max: number) =>
  z.union([z.string().min(1).max(max).transform((v) => ({ [key]: v }) as Record<K, string>), z.object({ [key]: z.string().min(1).max(max) } as Record<K, z.ZodString>)], {
    errorMap: () => ({ message: `must be a ${key} (1 to ${max} characters) or {"${key}": …}` }),
  });

/**
 * The fields of a GH Archive event the job reads (others, such as `actor.url`, are kept in the
 * bronze table's `payload`/columns only as far as listed here). Source: the GitHub Events API
 * schema that GH Archive records (`id` a string, `created_at` ISO-8601 UTC). The course's CSV
 * exports flatten `actor`, `repo` and `org` to the login or name: both forms are accepted.
 */
export const ghEventSchema = z.object({
  id: z.string().min(1).max(64),
  type: z.string().min(1).max(100),
  actor: nested('login', 200),
  repo: nested('name', 300),
  /** Absent for events outside an organisation: a CSV export's empty column ("" or null) says the same. */
  org: z.preprocess((v) => (v === '' || v === null ? undefined : v), nested('login', 200).optional()),
  /** An object, or its JSON text (a CSV export's column). */
  payload: z.union([z.record(z.unknown()), z.string()]).optional(),
  public: z.boolean().optional(),
  created_at: isoTimeString,
});

/** A decoded GitHub event: what the bronze layer keeps and the aggregates read. */
export interface GhEvent {
  id: string;
  type: string;
  actor: string;
  repo: string;
  org: string | null;
  /** Event time (`created_at`), ms since the epoch. */
  createdAtMs: number;
  /** The UTC day of `created_at`, `YYYY-MM-DD`: the bronze partition and the aggregates' day. */
  eventDate: string;
  /** The UTC hour of `created_at`, 0-23. */
  eventHour: number;
  public: boolean;
  /** The event's `payload` as JSON text (`{}` when absent). */
  payload: string;
}

/**
 * Decodes one GH Archive event.
 * @returns the event, or a rejection for `<topic>.dlq`: `null-value`, `too-large`, `invalid-utf8`,
 *   `invalid-json`, `schema-invalid` (a field missing or of the wrong type), or `time-out-of-range`
 *   (`created_at` before 1970 or further ahead of the clock than `MAX_EVENT_TIME_SKEW_MS`)
 */
export function decodeGhEvent(value: Buffer | null, maxBytes: number, times: EventTimeRange): Decoded<GhEvent> {
  const d = decodeJson(value, ghEventSchema, maxBytes);
  if (!d.ok) return d;
  const e = d.value;
  const time = checkEventTime(Date.parse(e.created_at), times);
  if (!time.ok) return time;
  const iso = new Date(time.value).toISOString();
  return decoded({
    id: e.id,
    type: e.type,
    actor: (e.actor as { login: string }).login,
    repo: (e.repo as { name: string }).name,
    org: (e.org as { login: string } | undefined)?.login ?? null,
    createdAtMs: time.value,
    eventDate: iso.slice(0, 10),
    eventHour: Number(iso.slice(11, 13)),
    public: e.public ?? true,
    payload: typeof e.payload === 'string' ? e.payload : JSON.stringify(e.payload ?? {}),
  });
}

/** The `gharchive-events` input contract (decoded once per record for the job's three streams). */
export function gharchiveEventsSource(ctx: JobContext): StreamSource<GhEvent> {
  return {
    topic: GHARCHIVE_EVENTS_TOPIC,
    decode: decodeOnce(`gharchive-events:${ctx.maxRecordBytes}`, (r: StreamRecord) => decodeGhEvent(r.value, ctx.maxRecordBytes, ctx.eventTimes)),
  };
}
