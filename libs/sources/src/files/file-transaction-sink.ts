import { FileCheckpoint } from './file-checkpoint';
import { TopicRecord } from './file-records';

/**
 * Where the files source commits: the Kafka transactional producer in the app (records and the
 * checkpoint record in one transaction), a fake in tests.
 */
export interface FileTransactionSink {
  /**
   * Publishes `records` (each to its topic) and the checkpoint of `file` (key = its path) in one
   * transaction; resolves once committed.
   * @param deadlineMs epoch ms after which the attempt is abandoned (it then throws)
   */
  commit(file: string, records: readonly TopicRecord[], checkpoint: FileCheckpoint, deadlineMs: number): Promise<void>;
  /**
   * After a failed commit: replaces the producer (fencing the failed one, so its transaction is
   * committed or aborted for good) and reads the committed checkpoint of `file`.
   */
  recover(file: string, deadlineMs: number): Promise<FileCheckpoint | undefined>;
}
