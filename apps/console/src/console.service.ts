import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConsoleFeed } from '@sluice/console';
import { CONSOLE_FEED } from './console.constants';

/** Starts the console's Kafka feed with the application and stops it at shutdown. */
@Injectable()
export class ConsoleService implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(CONSOLE_FEED) private readonly feed: ConsoleFeed) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}
