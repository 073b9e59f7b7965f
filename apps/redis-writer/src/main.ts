import 'reflect-metadata';
import { bootstrapService } from '@sluice/observability';
import { WriterModule, redisResults } from '@sluice/writers';
import { loadRedisWriterConfig } from './redis-writer.config';

void bootstrapService({
  service: 'redis-writer',
  loadConfig: loadRedisWriterConfig,
  http: (c) => c.http,
  module: (c) =>
    WriterModule.forRoot(
      {
        service: 'redis-writer',
        kafka: c.kafka,
        writer: c.writer,
        status: c.status,
        ...redisResults(c.redis, c.kafka.maxRecordBytes, c.writer.topics),
      },
      c.http.logLevel,
    ),
});
