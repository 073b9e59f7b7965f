import 'reflect-metadata';
import { DEFAULT_HTTP_PORTS, httpConfig, influxConfig, kafkaConfig, loadConfig, statusConfig, writerConfig } from '@sluice/config';
import { bootstrapService, createLogger } from '@sluice/observability';
import { STORE_TOPICS, WriterModule, influxResults } from '@sluice/writers';

const loadInfluxWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('influx', STORE_TOPICS.influx), influx: influxConfig, http: httpConfig(DEFAULT_HTTP_PORTS['influx-writer']), status: statusConfig });

// The influx writer reads `signals` directly, as the seed writes every raw sample as a point
// (`sine-wave`.value, `trwave`.tr), and the processor's `signal-stats` (measurement `signal_stats`).
void bootstrapService({
  service: 'influx-writer',
  loadConfig: loadInfluxWriterConfig,
  http: (c) => c.http,
  module: (c) =>
    WriterModule.forRoot(
      {
        service: 'influx-writer',
        kafka: c.kafka,
        writer: c.writer,
        status: c.status,
        ...influxResults(c.influx, c.kafka.maxRecordBytes, c.writer.topics, createLogger('influx-writer', c.http.logLevel), {
          maxSkewMs: c.kafka.maxEventTimeSkewMs,
          now: Date.now,
        }),
      },
      c.http.logLevel,
    ),
});
