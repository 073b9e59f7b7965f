import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dlqTopic } from '@sluice/contracts';
import { Scheduler } from '../record-sink';
import { FakeFileTransactions } from './fake-file-transactions';
import { globMatcher } from './file-glob';
import { IngestLandingOptions, ingestLanding, LandingEvent } from './ingest-landing';

class ManualScheduler implements Scheduler {
  t = Date.UTC(2026, 11, 3);
  sleeps: number[] = [];
  now = () => this.t;
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.t += ms;
  };
}

const rowsOf = (name: string, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ file: name, n: i + 1 })).join('\n') + '\n';

describe(ingestLanding.name, () => {
  let dir: string;
  let landing: string;
  let sink: FakeFileTransactions;
  let events: LandingEvent[];
  const options = (o: Partial<IngestLandingOptions> = {}): IngestLandingOptions => ({
    landing, matches: globMatcher('*.json'), maxFilesPerTrigger: Infinity, triggerIntervalMs: 1000, once: true, checkpoints: new Map(),
    format: 'ndjson', topic: 'events', maxRecordBytes: 1 << 20, transactionRows: 1000, run: 'run-1', service: 'producer', sink,
    scheduler: new ManualScheduler(), deliveryTimeoutMs: 60000, permanentError: () => undefined, onEvent: (e) => events.push(e), ...o,
  });
  const put = (name: string, text: string) => writeFileSync(path.join(landing, name), text);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sluice-ingest-landing-'));
    landing = path.join(dir, 'landing');
    mkdirSync(landing);
    sink = new FakeFileTransactions();
    events = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('--once', () => {
    it('ingests every matching file, in name order, one transaction each, and ends done', async () => {
      put('b.json', rowsOf('b', 2));
      put('a.json', rowsOf('a', 3) + '[1]\n');
      put('c.csv', 'x\n1\n');
      const s = await ingestLanding(options());
      expect(sink.values('events').map((v) => JSON.parse(v).file)).toEqual(['a', 'a', 'a', 'b', 'b']);
      expect(sink.values(dlqTopic('events'))).toEqual(['[1]']);
      expect(sink.commits).toBe(2);
      expect(s).toMatchObject({ status: 'done', files: 2, records: 5, deadLetters: 1, skipped: 0, changed: 0, archived: 0, unstable: 0, triggers: 2 });
    });

    it('keeps to maxFilesPerTrigger, running triggers back to back until nothing is left', async () => {
      for (const n of ['1', '2', '3']) put(`${n}.json`, rowsOf(n, 1));
      const s = await ingestLanding(options({ maxFilesPerTrigger: 2 }));
      expect(events.filter((e) => e.type === 'trigger')).toEqual([
        { type: 'trigger', trigger: 1, ingest: 2, deferred: 1 },
        { type: 'trigger', trigger: 2, ingest: 1, deferred: 0 },
        { type: 'trigger', trigger: 3, ingest: 0, deferred: 0 },
      ]);
      expect(s).toMatchObject({ status: 'done', files: 3, triggers: 3 });
    });

    it('skips files its checkpoints say are done, and a second run ingests nothing', async () => {
      put('a.json', rowsOf('a', 2));
      const checkpoints = new Map();
      await ingestLanding(options({ checkpoints }));
      const again = await ingestLanding(options({ checkpoints }));
      expect(sink.values('events')).toHaveLength(2);
      expect(again).toMatchObject({ status: 'done', files: 0, records: 0, skipped: 1 });
    });

    it('reports a file changed after ingestion once, and does not read it again', async () => {
      put('a.json', rowsOf('a', 2));
      const checkpoints = new Map();
      await ingestLanding(options({ checkpoints }));
      appendFileSync(path.join(landing, 'a.json'), rowsOf('a2', 1));
      const again = await ingestLanding(options({ checkpoints }));
      expect(again).toMatchObject({ files: 0, changed: 1, skipped: 0 });
      expect(events.filter((e) => e.type === 'changed')).toHaveLength(1);
      expect(sink.values('events')).toHaveLength(2);
    });

    it('continues a file a stopped run left unfinished, without a row twice', async () => {
      put('a.json', rowsOf('a', 5));
      const checkpoints = new Map();
      const stop = new AbortController();
      const first = await ingestLanding(options({ checkpoints, transactionRows: 2, signal: stop.signal, onCommit: () => stop.abort() }));
      expect(first).toMatchObject({ status: 'stopped', files: 0, records: 2 });
      const second = await ingestLanding(options({ checkpoints, transactionRows: 2 }));
      expect(second).toMatchObject({ status: 'done', files: 1, records: 3 });
      expect(sink.values('events').map((v) => JSON.parse(v).n)).toEqual([1, 2, 3, 4, 5]);
    });

    it('gives up with the error when the landing directory is missing', async () => {
      const s = await ingestLanding(options({ landing: path.join(dir, 'nope') }));
      expect(s.status).toBe('gave-up');
      expect(s.error).toMatch(/ENOENT/);
    });
  });

  describe('--archive', () => {
    it('moves each ingested file to the archive after its commit', async () => {
      put('a.json', rowsOf('a', 1));
      const archive = path.join(dir, 'archive');
      const s = await ingestLanding(options({ archive }));
      expect(readdirSync(archive)).toEqual(['a.json']);
      expect(existsSync(path.join(landing, 'a.json'))).toBe(false);
      expect(s).toMatchObject({ files: 1, archived: 1 });
    });

    it('archives a file a crash left in landing after its commit, without reading it again', async () => {
      put('a.json', rowsOf('a', 1));
      const checkpoints = new Map();
      await ingestLanding(options({ checkpoints }));
      const archive = path.join(dir, 'archive');
      const s = await ingestLanding(options({ checkpoints, archive }));
      expect(s).toMatchObject({ files: 0, skipped: 1, archived: 1 });
      expect(readdirSync(archive)).toEqual(['a.json']);
      expect(sink.values('events')).toHaveLength(1);
    });
  });

  describe('watch mode', () => {
    it('starts a trigger every interval, picks up files landed meanwhile, until stopped', async () => {
      const scheduler = new ManualScheduler();
      const stop = new AbortController();
      put('a.json', rowsOf('a', 1));
      let triggers = 0;
      const s = await ingestLanding(
        options({
          once: false, scheduler, signal: stop.signal,
          onEvent: (e) => {
            if (e.type !== 'trigger') return;
            triggers++;
            if (triggers === 1) put('b.json', rowsOf('b', 1)); // after the first listing: the second trigger's
            if (triggers === 3) stop.abort();
          },
        }),
      );
      expect(s).toMatchObject({ status: 'stopped', files: 2, triggers: 3 });
      expect(scheduler.sleeps).toEqual([1000, 1000, 1000]);
      expect(events.filter((e) => e.type === 'skipped')).toEqual([]);
    });
  });
});
