import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jobTableMarkdown } from './job-table';
import { JOB_REGISTRY } from './registry';

const architecture = readFileSync(path.resolve(__dirname, '../../../docs/architecture.md'), 'utf8');

describe(jobTableMarkdown.name, () => {
  it('has one row per registered job, in registry order, with its topics', () => {
    const rows = jobTableMarkdown().split('\n').slice(2);
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual(JOB_REGISTRY.map((j) => `\`${j.name}\``));
    expect(rows[0]).toContain('| `text-lines` | `word-counts` |');
  });

  it('is the table in docs/architecture.md (regenerate it there when a job changes)', () => {
    const between = architecture.match(/<!-- jobs-table:start -->\n([\s\S]*?)\n<!-- jobs-table:end -->/);
    expect(between?.[1]).toBe(jobTableMarkdown());
  });
});
