import { dlqTopic } from '@sluice/contracts';
import { Scheduler } from '../record-sink';
import { FakeFileTransactions } from './fake-file-transactions';
import { FileCheckpoint } from './file-checkpoint';
import { FileIngestionOptions, ingestFile } from './ingest-file';
import { LandingFile } from './landing-file';

class ManualScheduler implements Scheduler {
  t = Date.UTC(2026, 11, 3);
  now = () => this.t;
  sleep = async (ms: number) => {
    this.t += ms;
  };
}

const file: LandingFile = { path: '/landing/a.json', name: 'a.json', size: 100, mtimeMs: 5000 };
const ndjson = (n: number, bad: number[] = []) => Array.from({ length: n }, (_, i) => (bad.includes(i + 1) ? '{oops' : JSON.stringify({ id: String(i + 1) }))).join('\n') + '\n';

function options(sink: FakeFileTransactions, o: Partial<FileIngestionOptions> = {}): FileIngestionOptions {
  return {
    format: 'ndjson', topic: 'events', maxRecordBytes: 1 << 20, transactionRows: 1000, run: 'run-1', service: 'producer', sink,
    scheduler: new ManualScheduler(), deliveryTimeoutMs: 60000, permanentError: () => undefined, ...o,
  };
}

describe(ingestFile.name, () => {
  describe('a file within one transaction', () => {
    it('commits its records, dead letters and checkpoint together, once', async () => {
      const sink = new FakeFileTransactions();
      const r = await ingestFile(file, ndjson(5, [3]), undefined, options(sink, { keyField: 'id' }));
      expect(sink.commits).toBe(1);
      expect(sink.values('events')).toEqual(['1', '2', '4', '5'].map((id) => JSON.stringify({ id })));
      expect(sink.committed.filter((x) => x.topic === 'events').map((x) => x.key)).toEqual(['1', '2', '4', '5']);
      expect(sink.values(dlqTopic('events'))).toEqual(['{oops']);
      expect(r).toMatchObject({ status: 'ingested', records: 4, deadLetters: 1, transactions: 1 });
      expect(sink.checkpoints.get(file.path)).toEqual({
        size: 100, mtimeMs: 5000, records: 4, deadLetters: 1, topic: 'events', ingestedAt: '2026-12-03T00:00:00.000Z', line: 5, complete: true, run: 'run-1',
      });
    });

    it('commits the checkpoint of an empty file, so it is not read again', async () => {
      const sink = new FakeFileTransactions();
      const r = await ingestFile(file, '', undefined, options(sink));
      expect(r).toMatchObject({ status: 'ingested', records: 0, transactions: 1 });
      expect(sink.checkpoints.get(file.path)).toMatchObject({ records: 0, deadLetters: 0, line: 0, complete: true });
    });
  });

  describe('a file longer than transactionRows', () => {
    it('commits it in order in several transactions, the last one complete', async () => {
      const sink = new FakeFileTransactions();
      const seen: FileCheckpoint[] = [];
      const r = await ingestFile(file, ndjson(7), undefined, options(sink, { transactionRows: 3, onCommit: (_, c) => seen.push(c) }));
      expect(sink.values('events')).toEqual(Array.from({ length: 7 }, (_, i) => JSON.stringify({ id: String(i + 1) })));
      expect(seen.map((c) => [c.line, c.records, c.complete])).toEqual([[3, 3, false], [6, 6, false], [7, 7, true]]);
      expect(r).toMatchObject({ status: 'ingested', records: 7, transactions: 3 });
    });

    it('continues after the line of an unfinished checkpoint, counting on from its totals', async () => {
      const sink = new FakeFileTransactions();
      const from: FileCheckpoint = { size: 100, mtimeMs: 5000, records: 2, deadLetters: 1, topic: 'events', ingestedAt: '2026-12-03T00:00:00.000Z', line: 3, complete: false, run: 'old' };
      const r = await ingestFile(file, ndjson(5, [2]), from, options(sink, { transactionRows: 3 }));
      expect(sink.values('events')).toEqual([JSON.stringify({ id: '4' }), JSON.stringify({ id: '5' })]);
      expect(r).toMatchObject({ status: 'ingested', records: 2, deadLetters: 0 });
      expect(sink.checkpoints.get(file.path)).toMatchObject({ records: 4, deadLetters: 1, line: 5, complete: true, run: 'run-1' });
    });

    it('stops between transactions, leaving a checkpoint to continue from', async () => {
      const sink = new FakeFileTransactions();
      const stop = new AbortController();
      const r = await ingestFile(file, ndjson(7), undefined, options(sink, { transactionRows: 3, signal: stop.signal, onCommit: () => stop.abort() }));
      expect(r).toMatchObject({ status: 'stopped', records: 3, inDoubt: 0, checkpoint: { line: 3, complete: false } });
      expect(sink.values('events')).toHaveLength(3);
    });
  });

  describe('when a transaction fails', () => {
    it('sends it again after a refused commit, once', async () => {
      const sink = new FakeFileTransactions();
      sink.failures = ['refuse'];
      const r = await ingestFile(file, ndjson(4), undefined, options(sink));
      expect(sink.values('events')).toHaveLength(4);
      expect(sink.recovers).toBe(1);
      expect(r.status).toBe('ingested');
    });

    it('does not send it again when the lost answer was a commit', async () => {
      const sink = new FakeFileTransactions();
      sink.failures = ['ok', 'lose-answer'];
      const r = await ingestFile(file, ndjson(6), undefined, options(sink, { transactionRows: 3 }));
      expect(sink.values('events')).toHaveLength(6);
      expect(sink.commits).toBe(2);
      expect(r).toMatchObject({ status: 'ingested', records: 6, transactions: 2 });
    });

    it('gives up in doubt on a permanent error', async () => {
      const tooLarge = Object.assign(new Error('too large'), { type: 'MESSAGE_TOO_LARGE' });
      const sink = new FakeFileTransactions(tooLarge);
      sink.failures = ['refuse'];
      const r = await ingestFile(file, ndjson(4), undefined, options(sink, { permanentError: (e) => (e as { type?: string }).type }));
      expect(r).toMatchObject({ status: 'gave-up', records: 0, inDoubt: 4, error: tooLarge });
      expect(sink.committed).toEqual([]);
    });

    it('gives up when the checkpoint holds an entry another producer wrote', async () => {
      const sink = new FakeFileTransactions();
      sink.failures = ['refuse'];
      sink.recover = async () => ({ size: 100, mtimeMs: 5000, records: 9, deadLetters: 0, topic: 'events', ingestedAt: '2026-12-03T00:00:00.000Z', line: 9, complete: true, run: 'other' });
      const r = await ingestFile(file, ndjson(4), undefined, options(sink));
      expect(r.status).toBe('gave-up');
      expect(((r as { error: Error }).error).message).toMatch(/checkpoint of \/landing\/a.json is \{run other, line 9, complete\}, expected absent or .*another producer/);
    });
  });
});
