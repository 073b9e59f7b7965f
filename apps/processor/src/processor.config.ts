import { DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, statusConfig } from '@sluice/config';
import { processorJobsConfig } from '@sluice/jobs';

/** Every setting of the processor, validated once at start-up. */
export const processorSections = {
  kafka: kafkaConfig,
  processor: processorJobsConfig,
  http: httpConfig(DEFAULT_HTTP_PORTS.processor),
  status: statusConfig,
};
export type ProcessorAppConfig = ReturnType<typeof loadProcessorConfig>;
export const loadProcessorConfig = () => loadConfig(processorSections);
