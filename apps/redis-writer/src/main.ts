import 'reflect-metadata';
import { Topics } from '@sluice/contracts';
import { bootstrapService } from '@sluice/observability';
import { RedisWordCountsAdapter, WriterModule, wordCountDecoder } from '@sluice/writers';
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
        adapter: new RedisWordCountsAdapter(c.redis.url),
        decoders: new Map([[Topics.wordCounts, wordCountDecoder(c.kafka.maxRecordBytes)]]),
      },
      c.http.logLevel,
    ),
});
