import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, producerConfig } from '@sluice/config';

/** Every setting of the producer, validated once at start-up. */
export const loadProducerConfig = () =>
  loadConfig({ kafka: kafkaConfig, producer: producerConfig, http: httpConfig(DEFAULT_HTTP_PORTS.producer) });
export type ProducerAppConfig = ReturnType<typeof loadProducerConfig>;
