import 'reflect-metadata';
import { cassandraConfig, DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, statusConfig, writerConfig } from '@sluice/config';
import { bootstrapService } from '@sluice/observability';
import { STORE_TOPICS, WriterModule, cassandraResults } from '@sluice/writers';

const loadCassandraWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('cassandra', STORE_TOPICS.cassandra), cassandra: cassandraConfig, http: httpConfig(DEFAULT_HTTP_PORTS['cassandra-writer']), status: statusConfig });

void bootstrapService({
  service: 'cassandra-writer',
  loadConfig: loadCassandraWriterConfig,
  http: (c) => c.http,
  module: (c) =>
    WriterModule.forRoot(
      {
        service: 'cassandra-writer',
        kafka: c.kafka,
        writer: c.writer,
        status: c.status,
        ...cassandraResults(c.cassandra, c.kafka.maxRecordBytes, c.writer.topics),
      },
      c.http.logLevel,
    ),
});
