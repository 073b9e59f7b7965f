import type { JobDefinition } from './job-definition';
import { JOB_REGISTRY } from './registry';

/**
 * The docs' job table (docs/architecture.md, between the `jobs-table` markers) from the registry:
 * one row per job with its input and output topics. A unit test keeps the docs equal to it.
 */
export function jobTableMarkdown(registry: readonly JobDefinition<unknown>[] = JOB_REGISTRY): string {
  const topics = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');
  const rows = registry.map((j) => `| \`${j.name}\` | ${j.summary} | ${topics(j.inputs)} | ${topics(j.outputs.map((o) => o.topic))} |`);
  return ['| Job (`JOBS`) | What it computes | Reads | Writes |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
