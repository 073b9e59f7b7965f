import { consoleConfig, DEFAULT_HTTP_PORTS, httpConfig, kafkaConfig, loadConfig, statusConfig } from '@sluice/config';

/** Every setting of the web console, validated once at start-up. */
export const consoleSections = { kafka: kafkaConfig, console: consoleConfig, status: statusConfig, http: httpConfig(DEFAULT_HTTP_PORTS.console) };
export const loadConsoleConfig = () => loadConfig(consoleSections);
export type ConsoleAppConfig = ReturnType<typeof loadConsoleConfig>;
