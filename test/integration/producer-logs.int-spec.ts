import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dlqTopic } from '@sluice/contracts';
import { APP_LOGS_TOPIC } from '@sluice/jobs';
import { readTopic, REPO_ROOT, resetTopics, runProducerCli, testKafka } from '@sluice/testing';

/** The producer's `logs` source on the real broker: a whole log file once, and a followed file across a rotation. */
describe('producer logs', () => {
  const kafka = testKafka('producer-logs');
  const values = (records: Array<{ value: Buffer | null }>) => records.map((r) => String(r.value)).sort();

  beforeEach(async () => {
    await resetTopics(kafka, [APP_LOGS_TOPIC, dlqTopic(APP_LOGS_TOPIC)]);
  });

  it('sends every line of a real CRLF log once, without its line ends', async () => {
    const file = path.resolve(REPO_ROOT, '../shared/data/loghub/Zookeeper_2k.log');
    const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
    expect(lines).toHaveLength(2000);
    expect(await runProducerCli(['logs', '--file', file])).toBe(0);
    const got = await readTopic(kafka, APP_LOGS_TOPIC, 2000);
    expect(got).toHaveLength(2000);
    expect(values(got)).toEqual([...lines].sort());
  });

  it('follows a file: its lines, the lines appended, and the new file after a rotation; SIGTERM ends it with a summary', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sluice-logs-'));
    const file = path.join(dir, 'app.log');
    writeFileSync(file, 'a ERROR_A one\nb two\n');
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps/producer/main.js'), 'logs', '--file', file, '--follow'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      expect(values(await readTopic(kafka, APP_LOGS_TOPIC, 2))).toEqual(['a ERROR_A one', 'b two']);
      appendFileSync(file, 'c three\r\n');
      renameSync(file, `${file}.1`);
      writeFileSync(file, 'd ERROR_D four\n');
      const got = await readTopic(kafka, APP_LOGS_TOPIC, 4);
      expect(values(got)).toEqual(['a ERROR_A one', 'b two', 'c three', 'd ERROR_D four']);
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ file, topic: APP_LOGS_TOPIC, lines: 4 });
  });
});
