import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { DlqHeaders, dlqTopic, Topics } from '@sluice/contracts';
import { safeValue } from '@sluice/console';
import { ensureTopics, RecordProducer } from '@sluice/kafka';
import { flushRedisDb, REPO_ROOT, runProducerCli, ServiceProcess, TEST_CHROMIUM, testKafka, testRedisUrl, typeIntoConsoleProducer, waitFor } from '@sluice/testing';

const SHOTS = path.join(REPO_ROOT, '.stack', 'logs');

/**
 * The web console in a real browser (Debian's Chromium through playwright-core) on the native
 * stack: a processor, a Redis writer and the console, each publishing to a status topic of this
 * run only. A unique word typed into the real kafka-console-producer appears in the page's top
 * words; the waves chart gains points while the producer emits a sine wave; a stopped writer is
 * marked down and its lag grows; a record that is not UTF-8 shows up in the dead letters.
 */
describe('web console in Chromium', () => {
  const kafka = testKafka('e2e-web-console');
  const run = Date.now().toString(36);
  const statusTopic = `sluice-status-e2e-${run}`;
  const group = (s: string) => `e2e-webcon-${s}-${run}`;
  const redisUrl = testRedisUrl(13); // a database no other suite uses (it is flushed)
  const common = { STATUS_TOPIC: statusTopic, STATUS_INTERVAL_MS: '1000' };
  const processor = new ServiceProcess('processor', group('processor'), {
    ...common,
    PROCESSOR_GROUP_ID: group('processor'),
    BATCH_INTERVAL_MS: '500',
    WORD_WINDOW_LENGTH_MS: '10000',
    WORD_WINDOW_SLIDE_MS: '500',
  });
  const writer = new ServiceProcess('redis-writer', group('redis'), { ...common, REDIS_URL: redisUrl, WRITER_GROUP_ID: group('redis') });
  const web = new ServiceProcess('console', group('console'), { ...common, CONSOLE_PUSH_INTERVAL_MS: '500', CONSOLE_LAG_INTERVAL_MS: '1000' });
  let browser: Browser;
  let page: Page;
  let producer: RecordProducer;

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), fullPage: name !== 'overview' });

  /**
   * Commits the processor group at the current end of its source topics, so a backlog other runs
   * left there (a benchmark's million lines) neither delays this test nor fills its windows. The
   * shared topics are not reset: other suites may be using them.
   */
  async function startAtEnd(groupId: string): Promise<void> {
    const sources = [Topics.textLines, Topics.signals, Topics.sensorReadings];
    await ensureTopics(kafka, sources.map((name) => ({ name, partitions: 6, replicationFactor: 1 })));
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of sources) {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
      }
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await flushRedisDb(redisUrl);
    await startAtEnd(group('processor'));
    await Promise.all([processor.start(), writer.start(), web.start()]);
    producer = await RecordProducer.connect(kafka);
    browser = await chromium.launch({ executablePath: TEST_CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${web.port}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await producer?.disconnect();
    await Promise.all([processor.stop(), writer.stop(), web.stop()]);
  });

  /** Rows of the Services table for one service, with their state. */
  const instanceStates = (service: string) =>
    page.$$eval(`#services-table tbody tr[data-service="${service}"]`, (rows) => rows.map((r) => r.getAttribute('data-state')));

  it('lists every instance of this run, up, over server-sent events', async () => {
    for (const service of ['processor', 'redis-writer', 'console']) {
      await waitFor(`${service} shown up`, async () => ((await instanceStates(service)).includes('up') ? true : undefined), { timeoutMs: 60000, intervalMs: 250 });
    }
    await expect(page.locator('#connection').textContent()).resolves.toMatch(/^Live: updated/);
    await expect(page.locator('#servers-table tbody tr[data-server="redis"] .state').textContent()).resolves.toBe('up');
  });

  it('shows a word typed into the console producer in the top words of the latest window', async () => {
    const word = `zq${run}`;
    expect(await typeIntoConsoleProducer(Topics.textLines, Array.from({ length: 5 }, () => `${word} `.repeat(10).trim()))).toBe(0);
    const count = await waitFor('the typed word in the top words', async () => {
      const li = page.locator(`#top-words li[data-word="${word}"]`);
      return (await li.count()) > 0 ? Number(await li.getAttribute('data-count')) : undefined;
    }, { timeoutMs: 90000, intervalMs: 250 });
    expect(count).toBe(50);
    // The Micro-batches panel of the processor counted those records in.
    await waitFor('a micro-batch with records in', async () => {
      const n = await page.$$eval('.mb-table tbody tr td:nth-child(3)', (cells) => cells.map((c) => Number((c.textContent ?? '').replace(/,/g, ''))));
      return n.some((x) => x > 0) ? true : undefined;
    });
    await shot('overview');
  });

  it('adds points to the waves chart while the producer emits a sine wave', async () => {
    const points = async () => Number(await page.locator('#waves-chart').getAttribute('data-points'));
    const before = await points();
    expect(await runProducerCli(['sine', '--count', '40', '--interval-ms', '20'])).toBe(0);
    const after = await waitFor('more wave points', async () => {
      const n = await points();
      return n >= Math.min(before + 40, 600) && n > before ? n : undefined;
    }, { timeoutMs: 60000, intervalMs: 250 });
    expect(after).toBeGreaterThan(before);
    expect(await page.locator('#waves-chart').getAttribute('data-series')).toContain('sine');
    expect(await page.locator('#waves-chart canvas').count()).toBeGreaterThan(0);
    // The samples moved the signal-stats job's event-time watermark, which the State panel shows.
    const watermark = await waitFor('the signal-stats watermark in the State panel', async () => {
      const cell = page.locator('#watermark-table tr[data-operator="signal-stats"] td').nth(2);
      return (await cell.count()) > 0 ? Date.parse(await cell.innerText()) : undefined;
    }, { timeoutMs: 60000, intervalMs: 250 });
    expect(Date.now() - watermark).toBeLessThan(10 * 60_000);
  });

  it('marks a stopped writer down and shows its lag growing', async () => {
    const writerGroup = group('redis');
    const lagOf = async () =>
      page.$$eval(`#lag-table tbody tr[data-group="${writerGroup}"]`, (rows) => rows.reduce((n, r) => n + Number(r.getAttribute('data-lag')), 0));
    await waitFor('the writer group in the lag table', async () => ((await page.locator(`#lag-table tbody tr[data-group="${writerGroup}"]`).count()) > 0 ? true : undefined));
    await writer.stop();
    await waitFor('the writer marked down', async () => {
      const states = await instanceStates('redis-writer');
      return states.length > 0 && states.every((s) => s === 'down') ? true : undefined;
    }, { timeoutMs: 30000, intervalMs: 250 });
    await expect(page.locator('#services-table tbody tr[data-service="redis-writer"] td:last-child').textContent()).resolves.toBe('stopped');
    const before = await lagOf();
    const words = Array.from({ length: 30 }, (_, i) => `lag${i}x${run}`);
    expect(await typeIntoConsoleProducer(Topics.textLines, [words.join(' ')])).toBe(0);
    const grown = await waitFor('the stopped writer\'s lag to grow by the new words', async () => {
      const n = await lagOf();
      return n >= before + words.length ? n : undefined;
    }, { timeoutMs: 60000, intervalMs: 250 });
    expect(grown).toBeGreaterThanOrEqual(before + words.length);
    await shot('writer-down');
  });

  it('shows a record that is not UTF-8 in the dead letters, as hex, with its headers', async () => {
    const poison = Buffer.concat([Buffer.from(`poison-${run}-`), Buffer.from([0xff, 0xfe, 0x00])]);
    await producer.send(Topics.textLines, [{ value: poison }]);
    const shown = `hex: ${safeValue(poison).text}`;
    const row = page.locator('#dl-latest tbody tr', { hasText: shown });
    await waitFor('the poison record in the dead letters', async () => ((await row.count()) > 0 ? true : undefined), { timeoutMs: 60000, intervalMs: 250 });
    expect(await row.first().getAttribute('data-topic')).toBe(dlqTopic(Topics.textLines));
    await expect(row.first().locator('td:nth-child(3)').textContent()).resolves.toBe('invalid-utf8');
    await expect(row.first().textContent()).resolves.toContain(DlqHeaders.sourceOffset);
    const count = page.locator(`#dl-counts tbody tr[data-topic="${dlqTopic(Topics.textLines)}"][data-reason="invalid-utf8"] td.num`);
    expect(Number((await count.textContent())?.replace(/,/g, ''))).toBeGreaterThanOrEqual(1);
    await shot('dead-letters');
  });
});
