import { processEnv } from '@sluice/config';

const env = processEnv();

/** Kafka bootstrap servers of the test stack (KAFKA_BROKERS, default the native stack's). */
export const TEST_BROKERS = env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** URL of Redis database `db` in the test stack (host and port from SLUICE_TEST_REDIS, default 127.0.0.1:6379). */
export const testRedisUrl = (db: number) => `redis://${env.SLUICE_TEST_REDIS ?? '127.0.0.1:6379'}/${db}`;

/** The system Chromium the browser tests drive (SLUICE_CHROMIUM, default Debian's /usr/bin/chromium; never a downloaded browser). */
export const TEST_CHROMIUM = env.SLUICE_CHROMIUM ?? '/usr/bin/chromium';
