import { DynamicModule, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { createLogger } from './logger';

/** Forwards Nest's own log lines to pino with `context`. */
class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) { this.logger.info({ context }, String(message)); }
  error(message: unknown, trace?: string, context?: string) { this.logger.error({ context, trace }, String(message)); }
  warn(message: unknown, context?: string) { this.logger.warn({ context }, String(message)); }
  debug(message: unknown, context?: string) { this.logger.debug({ context }, String(message)); }
  verbose(message: unknown, context?: string) { this.logger.trace({ context }, String(message)); }
}

export interface ServiceBootstrap<C> {
  service: string;
  /** Loads and validates configuration; a thrown error's message is printed as is. */
  loadConfig(): C;
  module(config: C): DynamicModule;
  http(config: C): { host: string; port: number; logLevel: string };
}

/**
 * Starts a Sluice service: validates configuration first (an invalid one prints every problem
 * and exits with code 1 before anything connects), then creates the Nest application with pino
 * logging, shutdown hooks (SIGTERM/SIGINT drain the in-flight batch) and `/health` + `/metrics`
 * on `HTTP_PORT` (0 = no HTTP server). A start-up failure (e.g. `HTTP_PORT` in use), an
 * unhandled rejection or an uncaught exception is logged at fatal level with the error, then the
 * process exits with code 1.
 */
export async function bootstrapService<C>(b: ServiceBootstrap<C>): Promise<void> {
  let config: C;
  try {
    config = b.loadConfig();
  } catch (e) {
    process.stderr.write(`${b.service}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const { host, port, logLevel } = b.http(config);
  const root = createLogger(b.service, logLevel);
  const logger = root.child({ context: 'Nest' });
  // A failure nobody awaited must not end the service without saying why.
  process.on('unhandledRejection', (err) => fatal(root, err, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => fatal(root, err, 'uncaught exception'));
  try {
    const app = await NestFactory.create(b.module(config), { logger: new PinoNestLogger(logger), abortOnError: false });
    app.enableShutdownHooks();
    if (port > 0) await app.listen(port, host);
    else await app.init();
    logger.info({ host, port }, `${b.service} started`);
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    fatal(root, err, inUse ? `${b.service} failed to start: HTTP_PORT ${port} on ${host} is already in use` : `${b.service} failed to start`);
  }
}

/** Logs `err` at fatal level and exits with code 1. */
function fatal(logger: Logger, err: unknown, msg: string): never {
  logger.fatal({ err }, msg);
  logger.flush?.();
  process.exit(1);
}
