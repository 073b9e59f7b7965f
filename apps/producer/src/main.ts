import 'reflect-metadata';
import { CommanderError } from 'commander';
import { bootstrapService } from '@sluice/observability';
import { buildCli } from './producer.cli';
import { loadProducerConfig } from './producer.config';
import { ProducerModule } from './producer.module';

/** With a subcommand (text, sine, triangle, help): a one-shot CLI. Without: the long-running service. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    await bootstrapService({ service: 'producer', loadConfig: loadProducerConfig, module: (c) => ProducerModule.forRoot(c), http: (c) => c.http });
    return;
  }
  let config;
  try {
    config = loadProducerConfig();
  } catch (e) {
    process.stderr.write(`producer: ${(e as Error).message}\n`);
    process.exit(1);
  }
  try {
    await buildCli(config).parseAsync(process.argv);
    // A producer abandoned during an outage may still hold sockets; the result is out, so leave.
    process.exit(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    process.stderr.write(`producer: ${(e as Error).message}\n`);
    process.exit(1);
  }
}

void main();
