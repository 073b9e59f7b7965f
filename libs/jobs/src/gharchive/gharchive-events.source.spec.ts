import { decodeGhEvent } from './gharchive-events.source';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const times = { maxSkewMs: 86_400_000, now: () => NOW };
const event = (over: Record<string, unknown> = {}) => ({
  id: '17244207336',
  type: 'PushEvent',
  actor: { id: 1, login: 'octocat', url: 'https://api.github.com/users/octocat' },
  repo: { id: 2, name: 'octo/hello', url: 'https://api.github.com/repos/octo/hello' },
  payload: { ref: 'main', size: 1 },
  public: true,
  created_at: '2021-07-21T06:59:59Z',
  ...over,
});
const decode = (v: unknown) => decodeGhEvent(v === null ? null : Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)), 1_000_000, times);

describe(decodeGhEvent.name, () => {
  it('keeps the fields the bronze layer stores, with the UTC day and hour of created_at', () => {
    expect(decode(event({ org: { login: 'octo-org' } }))).toEqual({
      ok: true,
      value: {
        id: '17244207336',
        type: 'PushEvent',
        actor: 'octocat',
        repo: 'octo/hello',
        org: 'octo-org',
        createdAtMs: Date.parse('2021-07-21T06:59:59Z'),
        eventDate: '2021-07-21',
        eventHour: 6,
        public: true,
        payload: '{"ref":"main","size":1}',
      },
    });
  });

  it('takes the day in UTC whatever the offset of created_at, and defaults org, public and payload', () => {
    const d = decode({ ...event({ created_at: '2021-07-21T23:30:00-02:00' }), payload: undefined, public: undefined });
    expect(d).toMatchObject({ ok: true, value: { eventDate: '2021-07-22', eventHour: 1, org: null, public: true, payload: '{}' } });
  });

  it('accepts the flat form of a CSV export: actor, repo and org as their login or name', () => {
    const flat = { id: '1', type: 'WatchEvent', actor: 'octocat', repo: 'octo/hello', org: 'octo-org', created_at: '2021-07-21T07:00:00Z', payload: '{"action":"started"}' };
    expect(decode(flat)).toMatchObject({ ok: true, value: { actor: 'octocat', repo: 'octo/hello', org: 'octo-org', eventHour: 7, payload: '{"action":"started"}' } });
  });

  it('reads an empty org column of a CSV export (empty text or null) as no organisation', () => {
    const flat = { id: '1', type: 'WatchEvent', actor: 'octocat', repo: 'octo/hello', created_at: '2021-07-21T07:00:00Z' };
    expect(decode({ ...flat, org: '' })).toMatchObject({ ok: true, value: { org: null } });
    expect(decode({ ...flat, org: null })).toMatchObject({ ok: true, value: { org: null } });
    expect(decode({ ...flat, actor: '' })).toMatchObject({ ok: false, reason: 'schema-invalid', detail: expect.stringContaining('actor') });
  });

  it('sends malformed events to the DLQ with the reason', () => {
    expect(decode(null)).toMatchObject({ ok: false, reason: 'null-value' });
    expect(decode('{"id":')).toMatchObject({ ok: false, reason: 'invalid-json' });
    expect(decode(event({ id: 17244207336 }))).toMatchObject({ ok: false, reason: 'schema-invalid', detail: expect.stringContaining('id') });
    expect(decode(event({ repo: { id: 2 } }))).toMatchObject({ ok: false, reason: 'schema-invalid', detail: 'repo: must be a name (1 to 300 characters) or {"name": …}' });
    expect(decode(event({ created_at: 'yesterday' }))).toMatchObject({ ok: false, reason: 'schema-invalid', detail: expect.stringContaining('created_at') });
    expect(decode([event()])).toMatchObject({ ok: false, reason: 'schema-invalid' });
  });

  it('refuses an event time before 1970 or more than MAX_EVENT_TIME_SKEW_MS ahead of the clock', () => {
    expect(decode(event({ created_at: '1969-12-31T23:59:59Z' }))).toMatchObject({ ok: false, reason: 'time-out-of-range' });
    expect(decode(event({ created_at: '2026-06-02T00:00:01Z' }))).toMatchObject({ ok: false, reason: 'time-out-of-range' });
    expect(decode(event({ created_at: '2026-06-02T00:00:00Z' }))).toMatchObject({ ok: true });
  });
});
