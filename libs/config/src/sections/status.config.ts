import { StatusTopics } from '@sluice/contracts';
import { intVar, stringVar } from '../env-vars';
import { section } from '../config-section';

/**
 * The status record every service instance publishes for the web console (see `libs/console`):
 * the compacted topic it goes to and how often.
 */
export const statusConfig = section(
  {
    topic: stringVar('STATUS_TOPIC', StatusTopics.status, 'Compacted topic of the instances\' status records (read by the console).'),
    intervalMs: intVar('STATUS_INTERVAL_MS', 2000, 'Period (ms) of the status record each instance publishes; 0 = none.', { min: 0, max: 600000 }),
  },
  (v) => v,
);
export type StatusConfig = ReturnType<typeof statusConfig.build>;

/** The web console: how often the page is updated, what it reads, how long an instance is kept. */
export const consoleConfig = section(
  {
    pushIntervalMs: intVar('CONSOLE_PUSH_INTERVAL_MS', 1000, 'Period (ms) of the server-sent events that update the page (at most one batch interval).', { min: 100, max: 60000 }),
    lagIntervalMs: intVar('CONSOLE_LAG_INTERVAL_MS', 2000, 'Period (ms) of the consumer lag reads (committed vs end offsets, Kafka admin API).', { min: 200, max: 600000 }),
    forgetAfterMs: intVar('CONSOLE_FORGET_AFTER_MS', 600000, 'An instance whose last status is older than this (ms) is no longer listed.', { min: 1000 }),
    groupPrefix: stringVar('CONSOLE_GROUP_PREFIX', 'sluice-console', 'Prefix of the console\'s own consumer groups (<prefix>-<random>-status and -records, one pair per console).'),
  },
  (v) => v,
);
export type ConsoleConfig = ReturnType<typeof consoleConfig.build>;
