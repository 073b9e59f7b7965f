import 'reflect-metadata';
import { DEFAULT_HTTP_PORTS, httpConfig, influxConfig, kafkaConfig, loadConfig, writerConfig } from '@sluice/config';
import { Topics } from '@sluice/contracts';
import { bootstrapService, createLogger } from '@sluice/observability';
import { InfluxSignalsAdapter, signalDecoder, WriterModule } from '@sluice/writers';

const loadInfluxWriterConfig = () =>
  loadConfig({ kafka: kafkaConfig, writer: writerConfig('influx'), influx: influxConfig, http: httpConfig(DEFAULT_HTTP_PORTS['influx-writer']) });

// The influx writer reads `signals` directly: the seed writes every raw sample as a point
// (`sine-wave`.value, `trwave`.tr); windowed aggregates come from the processor's own topics.
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
        adapter: new InfluxSignalsAdapter(c.influx, createLogger('influx-writer', c.http.logLevel)),
        decoders: new Map([[Topics.signals, signalDecoder(c.kafka.maxRecordBytes)]]),
      },
      c.http.logLevel,
    ),
});
