#!/usr/bin/env node
// One attempt at the users of the authenticated InfluxDB 1.8 (scripts/stack/components/influx-auth.sh):
//   node scripts/stack/influx/auth-setup.js <auth dir> <port> <database> <retention policy>
// Talks InfluxQL to https://127.0.0.1:<port>/query, trusting <auth dir>/ca.pem. On a server without
// users, creates the admin user `admin` (InfluxDB 1.8 lets anyone create the first admin user, and
// nobody after that); then, as `admin`, the database and retention policy (idempotent), the user
// `sluice` with the password of <auth dir>/sluice.password (created, or its password set again)
// and ALL privileges on that database, and checks that `sluice` can query it.
// Exit 0 when done; 1 with the reason on stderr. Passwords are read from the files, sent in request
// bodies only, never printed.
const https = require('node:https');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const [dir, port, database, retention] = process.argv.slice(2);
if (!dir || !port || !database || !retention) {
  process.stderr.write('usage: auth-setup.js <auth dir> <port> <database> <retention policy>\n');
  process.exit(2);
}
const secret = (name) => readFileSync(path.join(dir, name), 'utf8').trim();
const ca = readFileSync(path.join(dir, 'ca.pem'));
/** InfluxQL string literal and identifier (backslash and the quote escaped). */
const literal = (s) => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
const ident = (s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Status and body of one InfluxQL request, as `user` (password from its file) or anonymous. */
function request(statement, user) {
  const body = new URLSearchParams({ q: statement }).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) };
  if (user) headers.authorization = `Basic ${Buffer.from(`${user}:${secret(`${user}.password`)}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: Number(port), path: '/query', method: 'POST', headers, ca, timeout: 10000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs a statement; @returns its first result. @throws on an HTTP error or a statement error */
async function query(statement, user) {
  const { status, text } = await request(statement, user);
  const json = (() => { try { return JSON.parse(text); } catch { return {}; } })();
  const error = json.error ?? json.results?.find((r) => r.error)?.error;
  if (status !== 200 || error) throw Object.assign(new Error(`${status}: ${error ?? text.slice(0, 200)}`), { status });
  return json.results?.[0] ?? {};
}

async function ensureAdmin() {
  try {
    await query('SHOW USERS', 'admin');
    return;
  } catch (e) {
    // 401: no such user or another password; 403: no user at all ("create admin user first").
    if (e.status !== 401 && e.status !== 403) throw e;
  }
  try {
    await query(`CREATE USER admin WITH PASSWORD ${literal(secret('admin.password'))} WITH ALL PRIVILEGES`);
  } catch (e) {
    throw new Error(`'admin' cannot log in with ${path.join(dir, 'admin.password')} and the first admin user cannot be created (${e.message}): its data was set up with other passwords (stop it, remove ${path.dirname(dir)}, start again)`);
  }
}

async function main() {
  await ensureAdmin();
  try {
    await query(`CREATE DATABASE ${ident(database)} WITH DURATION INF REPLICATION 1 NAME ${ident(retention)}`, 'admin');
  } catch {
    await query(`CREATE RETENTION POLICY ${ident(retention)} ON ${ident(database)} DURATION INF REPLICATION 1`, 'admin');
  }
  const users = await query('SHOW USERS', 'admin');
  const known = (users.series?.[0]?.values ?? []).some(([name]) => name === 'sluice');
  const password = literal(secret('sluice.password'));
  await query(known ? `SET PASSWORD FOR sluice = ${password}` : `CREATE USER sluice WITH PASSWORD ${password}`, 'admin');
  await query(`GRANT ALL ON ${ident(database)} TO sluice`, 'admin');
  await query(`SHOW MEASUREMENTS ON ${ident(database)} LIMIT 1`, 'sluice');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`influx-auth setup: ${e.message}\n`);
    process.exit(1);
  },
);
