import 'reflect-metadata';
import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, mongoConfig, writerConfig } from '@sluice/config';
import { Topics } from '@sluice/contracts';
import { bootstrapService } from '@sluice/observability';
import { MongoWordCountsAdapter, WriterModule, wordCountDecoder } from '@sluice/writers';

const loadMongoWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('mongo'), mongo: mongoConfig, http: httpConfig(DEFAULT_HTTP_PORTS['mongo-writer']) });

void bootstrapService({
  service: 'mongo-writer',
  loadConfig: loadMongoWriterConfig,
  http: (c) => c.http,
  module: (c) =>
    WriterModule.forRoot(
      {
        service: 'mongo-writer',
        kafka: c.kafka,
        writer: c.writer,
        adapter: new MongoWordCountsAdapter(c.mongo),
        decoders: new Map([[Topics.wordCounts, wordCountDecoder(c.kafka.maxRecordBytes)]]),
      },
      c.http.logLevel,
    ),
});
