#!/usr/bin/env node
// Readiness probes with a real request, used by the stack scripts:
//   node scripts/stack/probe.js cassandra|mongo|influx|kafka-coordinators
//   node scripts/stack/probe.js cassandra-auth <auth dir>   (role sluice over TLS, port 9142)
//   node scripts/stack/probe.js influx-auth <auth dir>      (user sluice, port 8096)
// Exit 0 when the server answered. Needs the project's node_modules (npm ci).
const { readFileSync } = require('node:fs');
const path = require('node:path');
const [target, authDir] = process.argv.slice(2);
const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
const secret = (name) => readFileSync(path.join(authDir, name), 'utf8').trim();

async function cassandra(options = { contactPoints: ['127.0.0.1:9042'] }) {
  const { Client } = require('cassandra-driver');
  const client = new Client({ ...options, localDataCenter: 'datacenter1', socketOptions: { connectTimeout: 2000 } });
  try {
    const rs = await client.execute('SELECT release_version FROM system.local');
    return rs.rows[0].release_version;
  } finally {
    await client.shutdown();
  }
}

async function mongo() {
  const { MongoClient } = require('mongodb');
  const client = new MongoClient('mongodb://127.0.0.1:27017', { serverSelectionTimeoutMS: 2000 });
  try {
    await client.connect();
    const r = await client.db('admin').command({ ping: 1 });
    return `ping ok=${r.ok}`;
  } finally {
    await client.close();
  }
}

// The authenticated node: role `sluice`, TLS with the node's certificate (components/cassandra-auth.sh).
const cassandraAuth = () =>
  cassandra({
    contactPoints: ['127.0.0.1:9142'],
    credentials: { username: 'sluice', password: secret('sluice.password') },
    sslOptions: { ca: [readFileSync(path.join(authDir, 'ca.pem'))], rejectUnauthorized: true },
  });

// InfluxDB answers /ping with 204 and names itself in X-Influxdb-Version.
async function influx() {
  const r = await fetch('http://127.0.0.1:8086/ping');
  const version = r.headers.get('x-influxdb-version');
  if (r.status !== 204 || !version) throw new Error(`HTTP ${r.status}, X-Influxdb-Version ${version ?? 'missing'}`);
  return `InfluxDB ${version}`;
}

// The authenticated InfluxDB (components/influx-auth.sh): HTTPS with its certificate, and a query
// as `sluice` with the password of its file (HTTP basic authentication).
function influxAuth() {
  const https = require('node:https');
  const q = new URLSearchParams({ q: 'SHOW DATABASES' }).toString();
  const auth = Buffer.from(`sluice:${secret('sluice.password')}`).toString('base64');
  return new Promise((resolve, reject) => {
    const req = https.get(
      { host: '127.0.0.1', port: 8096, path: `/query?${q}`, ca: readFileSync(path.join(authDir, 'ca.pem')), headers: { authorization: `Basic ${auth}` } },
      (r) => {
        r.resume();
        const version = r.headers['x-influxdb-version'];
        if (r.statusCode === 200 && version) resolve(`InfluxDB ${version}, user sluice`);
        else reject(new Error(`HTTP ${r.statusCode}, X-Influxdb-Version ${version ?? 'missing'}`));
      },
    );
    req.on('error', reject);
  });
}

// A fresh broker creates __consumer_offsets and __transaction_state on the first group or
// transactional request and answers COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR while it loads
// them; a service starting then spends its retries there. This probe asks for both coordinators
// (creating the topics on first use) and succeeds once a group lookup (DescribeGroups) and a
// transactional producer's InitProducerId both went through.
async function kafkaCoordinators() {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ clientId: 'sluice-stack-probe', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 200 } });
  const admin = kafka.admin();
  const producer = kafka.producer({ transactionalId: 'sluice-stack-probe', idempotent: true, maxInFlightRequests: 1 });
  try {
    await admin.connect();
    await admin.describeGroups(['sluice-stack-probe']);
    await producer.connect();
    const txn = await producer.transaction();
    await txn.abort();
    return 'group and transaction coordinators ready';
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

const probes = { cassandra: () => cassandra(), 'cassandra-auth': cassandraAuth, mongo, influx, 'influx-auth': influxAuth, 'kafka-coordinators': kafkaCoordinators };
if (!probes[target]) {
  process.stderr.write(`usage: probe.js ${Object.keys(probes).join('|')}\n`);
  process.exit(2);
}
Promise.race([probes[target](), timeout(5000)])
  .then((v) => {
    process.stdout.write(`${v}\n`);
    process.exit(0);
  })
  .catch((e) => {
    process.stderr.write(`${target}: ${e.message}\n`);
    process.exit(1);
  });
