import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Topics } from '@sluice/contracts';
import { ensureTopics, RecordProducer } from '@sluice/kafka';
import { countWords, tokenizerFor } from '@sluice/streaming';
import {
  quijoteLines,
  readCassandraWordCounts,
  readInfluxPoints,
  ServiceProcess,
  stackCassandraAuth,
  stackInfluxAuth,
  stackServer,
  stackServerReady,
  StackComponent,
  STACK_DIR,
  testKafka,
  waitFor,
} from '@sluice/testing';

/**
 * The writers on the stores' authenticated paths (issue #10 part 5), on the stack's secured
 * servers, which this suite starts (`npm run stack:up -- cassandra-auth influx-auth`) and stops
 * again when it started them: each holds memory (the Cassandra node about 1 GB) and CPU a
 * 2-core machine needs for the rest of the run, and starting them costs about 20 s.
 *
 * The Cassandra writer logs in as the role `sluice` over TLS (the node's CA) and the influx writer
 * as the user `sluice` over HTTPS; a wrong password, a missing CA or a user without a password
 * stops the writer at start-up with a message naming the variables, and no log line holds a password.
 *
 * Topics: the writers read the contract topics `word-counts` and `signals` (writers take no other
 * names), which the shared stack's running pipeline also uses. So nothing is reset: each writer's
 * group is committed at the end of its topic before it starts, and this suite's records carry
 * words and a series of its own (`sa<run>…`); they also reach the shared pipeline's writers,
 * as unique keys that change nothing else. The processor's half of the word count on the
 * authenticated Kafka is kafka-auth.int-spec.ts; a second processor here would read the shared
 * `text-lines` and publish totals that overwrite the running pipeline's counts.
 */
describe('stores with authentication and TLS', () => {
  const run = Date.now().toString(36);
  const kafka = testKafka('it-sauth');
  const group = (s: string) => `it-sauth-${s}-${run}`;
  const keyspace = `it_sauth_${run}`;
  const started: StackComponent[] = [];
  const services: ServiceProcess[] = [];
  const secrets: string[] = [];
  let cassandra: ReturnType<typeof stackCassandraAuth>;
  let influx: ReturnType<typeof stackInfluxAuth>;

  /** Commits `groupId` at the current end of `topic`, so the writer reads only what comes next. */
  async function startAtEnd(groupId: string, topic: string): Promise<void> {
    await ensureTopics(kafka, [{ name: topic, partitions: 6, replicationFactor: 1 }]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
    } finally {
      await admin.disconnect();
    }
  }

  /** A writer service of this suite (its log is checked for passwords at the end). */
  function writer(app: 'cassandra-writer' | 'influx-writer', name: string, env: Record<string, string>): ServiceProcess {
    const s = new ServiceProcess(app, `it-sauth-${name}-${run}`, { WRITER_GROUP_ID: group(name), ...env });
    services.push(s);
    return s;
  }

  const cassandraEnv = (): Record<string, string> => ({ ...cassandra.env, CASSANDRA_KEYSPACE: keyspace, WRITER_TOPICS: Topics.wordCounts });
  const influxEnv = (): Record<string, string> => ({ ...influx.env, WRITER_TOPICS: Topics.signals });

  /** Starts a writer that must refuse to start; @returns the end of its log, after checking it exited with 1 within 30 s. */
  async function refusedStart(s: ServiceProcess): Promise<string> {
    const begun = Date.now();
    await expect(s.start(90_000)).rejects.toThrow(/exited with code 1/);
    expect(Date.now() - begun).toBeLessThan(30_000);
    return s.logTail(30);
  }

  beforeAll(async () => {
    for (const c of ['cassandra-auth', 'influx-auth'] as const) {
      if (stackServerReady(c)) continue;
      stackServer(c, 'up');
      started.push(c);
    }
    cassandra = stackCassandraAuth();
    influx = stackInfluxAuth();
    const file = (...parts: string[]) => readFileSync(path.join(STACK_DIR, ...parts), 'utf8').trim();
    secrets.push(cassandra.password, influx.password, file('cassandra-auth', 'auth', 'admin.password'), file('cassandra-auth', 'auth', 'keystore.password'), file('influx-auth', 'auth', 'admin.password'));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    for (const c of started.reverse()) stackServer(c, 'down');
  });

  it('writes word counts to Cassandra as role sluice over TLS, and waves to InfluxDB as user sluice over HTTPS', async () => {
    await startAtEnd(group('cassandra'), Topics.wordCounts);
    await startAtEnd(group('influx'), Topics.signals);
    await Promise.all([writer('cassandra-writer', 'cassandra', cassandraEnv()).start(), writer('influx-writer', 'influx', influxEnv()).start()]);

    // The processor's output for 400 lines of Don Quijote as two micro-batches: the running totals
    // after the first half, then the final ones (the writer keeps the newest of each word).
    const lines = quijoteLines(400);
    const prefix = `sa${run}_`;
    const tokenize = tokenizerFor('words');
    const half = countWords(lines.slice(0, 200), tokenize);
    const truth = new Map([...countWords(lines, tokenize)].map(([w, n]) => [prefix + w, n]));
    const record = (word: string, count: number) => ({ key: word, value: JSON.stringify({ word, count, updatedAt: new Date().toISOString() }) });
    const start = Date.now();
    const samples = Array.from({ length: 60 }, (_, i) => ({ series: `sa${run}`, time: start + i * 10, value: Math.round(50 * Math.sin(0.1 * i) * 1000) / 1000 }));
    const producer = await RecordProducer.connect(kafka);
    try {
      await producer.send(Topics.wordCounts, [...half].map(([w, n]) => record(prefix + w, n)));
      await producer.send(Topics.wordCounts, [...truth].map(([w, n]) => record(w, n)));
      await producer.send(Topics.signals, samples.map((s) => ({ key: s.series, value: JSON.stringify(s) })));
    } finally {
      await producer.disconnect();
    }

    const counts = await waitFor('every word count in the authenticated Cassandra', async () => {
      const all = await readCassandraWordCounts(keyspace, cassandra.client);
      const mine = new Map([...all].filter(([w]) => w.startsWith(prefix)));
      return [...truth].every(([w, n]) => mine.get(w) === n) ? mine : undefined;
    }, { timeoutMs: 90_000 });
    expect(counts).toEqual(truth);

    const points = await waitFor('the 60 samples in the authenticated InfluxDB', async () => {
      const rows = await readInfluxPoints('signal', { series: `sa${run}`, from: start - 1000 }, influx.config);
      return rows.length >= samples.length ? rows : undefined;
    }, { timeoutMs: 60_000 });
    expect(points.map((p) => [p.time, p.value])).toEqual(samples.map((s) => [s.time, s.value]));
    // The same read without the token is refused: the server really checks it.
    await expect(readInfluxPoints('signal', { series: `sa${run}` }, { ...influx.config, token: undefined })).rejects.toThrow(/401|unauthorized|authorization/i);
  });

  it('stops the Cassandra writer at start-up when the password is wrong or the node certificate is not trusted', async () => {
    const wrong = `wrong-cassandra-password-${run}`;
    secrets.push(wrong);
    const badPassword = await refusedStart(writer('cassandra-writer', 'cassandra-wrong', { ...cassandraEnv(), CASSANDRA_PASSWORD: wrong }));
    expect(badPassword).toContain('could not connect to cassandra: Cassandra refused the credentials (check CASSANDRA_USERNAME, CASSANDRA_PASSWORD)');

    const { CASSANDRA_SSL_CA: _ca, ...withoutCa } = cassandraEnv();
    const untrusted = await refusedStart(writer('cassandra-writer', 'cassandra-no-ca', { ...withoutCa, CASSANDRA_SSL: 'true' }));
    expect(untrusted).toContain('could not connect to cassandra: the TLS certificate of Cassandra is not trusted (check CASSANDRA_SSL_CA)');
  });

  it('stops the influx writer at start-up when the password in INFLUX_TOKEN is wrong', async () => {
    const wrong = `wrong-influx-password-${run}`;
    secrets.push(wrong);
    const log = await refusedStart(writer('influx-writer', 'influx-wrong', { ...influxEnv(), INFLUX_TOKEN: `sluice:${wrong}` }));
    expect(log).toContain('could not connect to influx: InfluxDB refused the token (check INFLUX_TOKEN');
  });

  it('refuses a user without a password before connecting, naming both variables', async () => {
    const { CASSANDRA_PASSWORD: _pw, ...withoutPassword } = cassandraEnv();
    const log = await refusedStart(writer('cassandra-writer', 'cassandra-no-password', withoutPassword));
    expect(log).toContain('CASSANDRA_PASSWORD: is required with CASSANDRA_USERNAME (set both CASSANDRA_USERNAME and CASSANDRA_PASSWORD, or neither)');
  });

  it('wrote no password into any log line of the services, nor the servers into theirs', async () => {
    await Promise.all(services.map((s) => s.stop()));
    expect(services.length).toBeGreaterThanOrEqual(6);
    const logs = [...services.map((s) => s.logFile), ...['cassandra-auth', 'influx-auth'].map((c) => path.join(STACK_DIR, 'logs', `${c}.log`))];
    for (const file of logs) {
      const log = readFileSync(file, 'utf8');
      expect(log.length).toBeGreaterThan(0);
      for (const secret of secrets) expect({ file, holds: log.includes(secret) }).toEqual({ file, holds: false });
    }
  });
});
