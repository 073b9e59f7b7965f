import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, redisConfig, statusConfig, writerConfig } from '@sluice/config';
import { STORE_TOPICS } from '@sluice/writers';

/** Every setting of the Redis writer, validated once at start-up. */
export const loadRedisWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('redis', STORE_TOPICS.redis), redis: redisConfig, http: httpConfig(DEFAULT_HTTP_PORTS['redis-writer']), status: statusConfig });
export type RedisWriterConfig = ReturnType<typeof loadRedisWriterConfig>;
