import path from 'node:path';
import { STACK_DIR } from '@sluice/testing';

/** The services the chaos suite runs, and the environment each gets for one scenario. */
export const SERVICE_KINDS = ['processor', 'redis-writer', 'cassandra-writer', 'mongo-writer', 'influx-writer', 'producer'] as const;

export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const WRITER_KINDS = ['redis-writer', 'cassandra-writer', 'mongo-writer', 'influx-writer'] as const satisfies readonly ServiceKind[];

/** Names of one scenario's consumer groups and store namespaces (fresh per run, so runs never mix). */
export interface RunNames {
  run: string;
  processorGroup: string;
  writerGroup: (kind: ServiceKind) => string;
  redisUrl: string;
  keyspace: string;
  mongoDatabase: string;
}

/** Event-time window settings the processor gets and the window check assumes (ms). */
export const SIGNAL_WINDOW_MS = 10_000;
export const SIGNAL_LATENESS_MS = 5_000;

/** Base environment of a service kind (the producer's text settings are added per start, see Fleet). */
export function serviceEnv(kind: ServiceKind, names: RunNames): Record<string, string> {
  const common = { LOG_LEVEL: 'info' };
  switch (kind) {
    case 'processor':
      // Task snapshots as `npm run up` and compose run them: a scaled-down (SIGTERM) instance writes
      // them and later owners start from them, so the exactly-once checks cover that path too.
      return { ...common, PROCESSOR_GROUP_ID: names.processorGroup, PROCESSOR_STATE_DIR: path.join(STACK_DIR, 'chaos', 'state'), BATCH_INTERVAL_MS: '1000', SIGNAL_WINDOW_SIZE_MS: String(SIGNAL_WINDOW_MS), SIGNAL_ALLOWED_LATENESS_MS: String(SIGNAL_LATENESS_MS) };
    case 'redis-writer':
      return { ...common, REDIS_URL: names.redisUrl, WRITER_GROUP_ID: names.writerGroup(kind) };
    case 'cassandra-writer':
      return { ...common, CASSANDRA_KEYSPACE: names.keyspace, WRITER_GROUP_ID: names.writerGroup(kind) };
    case 'mongo-writer':
      return { ...common, MONGO_DATABASE: names.mongoDatabase, WRITER_GROUP_ID: names.writerGroup(kind) };
    case 'influx-writer':
      return { ...common, WRITER_GROUP_ID: names.writerGroup(kind) };
    case 'producer':
      return { ...common, SINE_INTERVAL_MS: '50', TRIANGLE_INTERVAL_MS: '50' };
  }
}
