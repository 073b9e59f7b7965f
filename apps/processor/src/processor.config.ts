import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, processorConfig, statusConfig } from '@sluice/config';

/** Every setting of the processor, validated once at start-up. */
export const processorSections = {
  kafka: kafkaConfig,
  processor: processorConfig,
  http: httpConfig(DEFAULT_HTTP_PORTS.processor),
  status: statusConfig,
};
export type ProcessorAppConfig = ReturnType<typeof loadProcessorConfig>;
export const loadProcessorConfig = () => loadConfig(processorSections);
