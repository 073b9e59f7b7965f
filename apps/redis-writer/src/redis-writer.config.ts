import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, redisConfig, writerConfig } from '@sluice/config';

/** Every setting of the Redis writer, validated once at start-up. */
export const loadRedisWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('redis'), redis: redisConfig, http: httpConfig(DEFAULT_HTTP_PORTS['redis-writer']) });
export type RedisWriterConfig = ReturnType<typeof loadRedisWriterConfig>;
