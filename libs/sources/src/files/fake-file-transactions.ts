import { FileCheckpoint } from './file-checkpoint';
import { TopicRecord } from './file-records';
import { FileTransactionSink } from './file-transaction-sink';

/**
 * A broker in memory for the specs of the files source: a commit is atomic (records and
 * checkpoint, or nothing); `failures` scripts what the next commits do — `refuse` fails before
 * committing, `lose-answer` commits and then fails (the answer is lost).
 */
export class FakeFileTransactions implements FileTransactionSink {
  committed: TopicRecord[] = [];
  checkpoints = new Map<string, FileCheckpoint>();
  commits = 0;
  recovers = 0;
  failures: Array<'ok' | 'refuse' | 'lose-answer'> = [];

  constructor(private readonly error: unknown = new Error('Request Produce timed out')) {}

  async commit(file: string, records: readonly TopicRecord[], checkpoint: FileCheckpoint): Promise<void> {
    this.commits++;
    const failure = this.failures.shift();
    if (failure === 'refuse') throw this.error;
    this.committed.push(...records);
    this.checkpoints.set(file, checkpoint);
    if (failure === 'lose-answer') throw this.error;
  }

  async recover(file: string): Promise<FileCheckpoint | undefined> {
    this.recovers++;
    return this.checkpoints.get(file);
  }

  /** Committed record values of a topic. */
  values(topic: string): string[] {
    return this.committed.filter((r) => r.topic === topic).map((r) => String(r.value));
  }
}
