#!/usr/bin/env node
// One attempt at the roles of the authenticated Cassandra node (scripts/stack/components/cassandra-auth.sh):
//   node scripts/stack/cassandra/auth-setup.js <auth dir> <CQL port>
// Logs in over TLS (the node's ca.pem) as `admin`; on a fresh node, where only the default superuser
// `cassandra`/`cassandra` exists, creates `admin` with the password of <auth dir>/admin.password and
// takes away the default superuser's LOGIN and SUPERUSER. Then creates or updates the role `sluice`
// (LOGIN, the password of <auth dir>/sluice.password, CREATE on all keyspaces: the writer creates its
// keyspace and tables, and Cassandra grants a role every permission on what it creates) and checks
// that `sluice` logs in.
// Exit 0 when done; 1 with the reason on stderr when not (yet): the node creates its default
// superuser about 10 s after it joins (superuser_setup_delay_ms), so the caller retries until a deadline.
// Passwords are read from the files and never printed.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { Client, auth, errors } = require('cassandra-driver');

const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  process.stderr.write('usage: auth-setup.js <auth dir> <CQL port>\n');
  process.exit(2);
}
const secret = (name) => readFileSync(path.join(dir, name), 'utf8').trim();
const ca = readFileSync(path.join(dir, 'ca.pem'));
/** A CQL string literal (quotes doubled). */
const literal = (s) => `'${s.replace(/'/g, "''")}'`;

async function login(username, password) {
  const client = new Client({
    contactPoints: [`127.0.0.1:${port}`],
    localDataCenter: 'datacenter1',
    authProvider: new auth.PlainTextAuthProvider(username, password),
    sslOptions: { ca: [ca], rejectUnauthorized: true },
    socketOptions: { connectTimeout: 3000, readTimeout: 10000 },
  });
  try {
    await client.connect();
    return client;
  } catch (e) {
    await client.shutdown().catch(() => undefined);
    throw e;
  }
}

/** True when every host refused the credentials (not: unreachable, still starting). */
function refusedCredentials(e) {
  if (e instanceof errors.AuthenticationError) return true;
  const inner = Object.values((e instanceof errors.NoHostAvailableError && e.innerErrors) || {});
  return inner.length > 0 && inner.every((i) => i instanceof errors.AuthenticationError);
}

async function adminSession() {
  try {
    return await login('admin', secret('admin.password'));
  } catch (e) {
    if (!refusedCredentials(e)) throw e;
  }
  let initial;
  try {
    initial = await login('cassandra', 'cassandra');
  } catch (e) {
    if (!refusedCredentials(e)) throw e;
    throw new Error(
      `neither 'admin' (${path.join(dir, 'admin.password')}) nor the default superuser can log in: the node is still creating ` +
        `its default superuser (about 10 s after it starts), or its data was set up with other passwords (stop it, remove ${path.dirname(dir)}, start again)`,
    );
  }
  try {
    await initial.execute(`CREATE ROLE IF NOT EXISTS admin WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = ${literal(secret('admin.password'))}`);
  } finally {
    await initial.shutdown();
  }
  const admin = await login('admin', secret('admin.password'));
  await admin.execute('ALTER ROLE cassandra WITH SUPERUSER = false AND LOGIN = false');
  return admin;
}

/** True when `sluice` logs in with the password of its file; false when refused. */
async function sluiceLogsIn() {
  try {
    await (await login('sluice', secret('sluice.password'))).shutdown();
    return true;
  } catch (e) {
    if (refusedCredentials(e)) return false;
    throw e;
  }
}

async function main() {
  const admin = await adminSession();
  try {
    const password = literal(secret('sluice.password'));
    await admin.execute(`CREATE ROLE IF NOT EXISTS sluice WITH LOGIN = true AND PASSWORD = ${password}`);
    await admin.execute('GRANT CREATE ON ALL KEYSPACES TO sluice');
    // Only when the file's password does not log in (it was replaced): Cassandra 5 refuses a second
    // password change of a role within 5 s, so an unconditional ALTER right after CREATE would fail.
    if (!(await sluiceLogsIn())) await admin.execute(`ALTER ROLE sluice WITH LOGIN = true AND PASSWORD = ${password}`);
  } finally {
    await admin.shutdown();
  }
  if (!(await sluiceLogsIn())) throw new Error(`the role sluice does not log in with ${path.join(dir, 'sluice.password')} yet`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`cassandra-auth setup: ${e.message}\n`);
    process.exit(1);
  },
);
