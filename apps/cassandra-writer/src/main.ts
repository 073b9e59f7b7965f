import 'reflect-metadata';
import { cassandraConfig, DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, writerConfig } from '@sluice/config';
import { Topics } from '@sluice/contracts';
import { bootstrapService } from '@sluice/observability';
import { CassandraWordCountsAdapter, WriterModule, wordCountDecoder } from '@sluice/writers';

const loadCassandraWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('cassandra'), cassandra: cassandraConfig, http: httpConfig(DEFAULT_HTTP_PORTS['cassandra-writer']) });

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
        adapter: new CassandraWordCountsAdapter(c.cassandra),
        decoders: new Map([[Topics.wordCounts, wordCountDecoder(c.kafka.maxRecordBytes)]]),
      },
      c.http.logLevel,
    ),
});
