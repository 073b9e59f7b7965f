import { gharchiveDefinition } from './gharchive/gharchive.job';
import { hashtagsTopDefinition } from './hashtags-top/hashtags-top.job';
import type { JobDefinition } from './job-definition';
import { logErrorsDefinition } from './log-errors/log-errors.job';
import { sensorExtremesDefinition } from './sensor-extremes/sensor-extremes.job';
import { signalStatsDefinition } from './signal-stats/signal-stats.job';
import { wordCountsDefinition } from './word-counts/word-counts.job';
import { wordCountsWindowedDefinition } from './word-counts-windowed/word-counts-windowed.job';

/**
 * Every job this build provides, in topology order. `JOBS` (its allowed values and default), the
 * topology, the topics to provision and the docs' job table are derived from this list: adding a
 * job is its folder plus two lines here (its import and its entry).
 */
export const JOB_REGISTRY = [wordCountsDefinition, wordCountsWindowedDefinition, signalStatsDefinition, sensorExtremesDefinition, hashtagsTopDefinition, logErrorsDefinition, gharchiveDefinition] as const satisfies readonly JobDefinition<unknown>[];

/** Names of the jobs, the allowed values of `JOBS`. */
export const JOB_NAMES = JOB_REGISTRY.map((j) => j.name) as ReadonlyArray<JobName>;
export type JobName = (typeof JOB_REGISTRY)[number]['name'];

/** The settings of every job, by job name, as `processorJobsConfig` builds them. */
export type JobSettings = { [J in (typeof JOB_REGISTRY)[number] as J['name']]: J extends JobDefinition<infer C> ? C : never };
