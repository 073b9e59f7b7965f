#!/usr/bin/env node
// Readiness probes with a real request, used by the stack scripts:
//   node scripts/stack/probe.js cassandra|mongo|influx|kafka-coordinators
// Exit 0 when the server answered. Needs the project's node_modules (npm ci).
const target = process.argv[2];
const timeout = (ms) => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));

async function cassandra() {
  const { Client } = require('cassandra-driver');
  const client = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1', socketOptions: { connectTimeout: 2000 } });
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

// InfluxDB answers /ping with 204 and names itself in X-Influxdb-Version.
async function influx() {
  const r = await fetch('http://127.0.0.1:8086/ping');
  const version = r.headers.get('x-influxdb-version');
  if (r.status !== 204 || !version) throw new Error(`HTTP ${r.status}, X-Influxdb-Version ${version ?? 'missing'}`);
  return `InfluxDB ${version}`;
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

const probes = { cassandra, mongo, influx, 'kafka-coordinators': kafkaCoordinators };
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
