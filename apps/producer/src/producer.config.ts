import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, producerConfig, statusConfig } from '@sluice/config';

/** Every setting of the producer, validated once at start-up. */
export const loadProducerConfig = () =>
  loadConfig({ kafka: kafkaConfig, producer: producerConfig, http: httpConfig(DEFAULT_HTTP_PORTS.producer), status: statusConfig });
export type ProducerAppConfig = ReturnType<typeof loadProducerConfig>;
