import 'reflect-metadata';
import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, statusConfig, mongoConfig, writerConfig } from '@sluice/config';
import { bootstrapService } from '@sluice/observability';
import { STORE_TOPICS, WriterModule, mongoResults } from '@sluice/writers';

const loadMongoWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('mongo', STORE_TOPICS.mongo), mongo: mongoConfig, http: httpConfig(DEFAULT_HTTP_PORTS['mongo-writer']), status: statusConfig });

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
        status: c.status,
        ...mongoResults(c.mongo, c.kafka.maxRecordBytes, c.writer.topics),
      },
      c.http.logLevel,
    ),
});
