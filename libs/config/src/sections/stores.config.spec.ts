import { ConfigError } from '../config-error';
import { loadConfig } from '../config-section';
import { cassandraConfig, influxConfig } from './stores.config';

/** The message of the ConfigError that loading `env` throws. */
function problems(env: Record<string, string>): string {
  try {
    loadConfig({ cassandra: cassandraConfig, influx: influxConfig }, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('cassandraConfig', () => {
  const load = (env: Record<string, string>) => loadConfig({ cassandra: cassandraConfig }, env).cassandra;

  it('connects without credentials and in plaintext by default', () => {
    const c = load({});
    expect(c.credentials).toBeUndefined();
    expect(c.ssl).toBeUndefined();
  });

  it('builds the credentials and TLS with a CA file (which implies CASSANDRA_SSL)', () => {
    const c = load({ CASSANDRA_USERNAME: 'sluice', CASSANDRA_PASSWORD: 's3cret', CASSANDRA_SSL_CA: __filename });
    expect(c.credentials).toEqual({ username: 'sluice', password: 's3cret' });
    expect(c.ssl).toEqual({ caFile: __filename });
    expect(load({ CASSANDRA_SSL: 'true' }).ssl).toEqual({});
  });

  it('refuses a user without a password, naming both variables', () => {
    expect(problems({ CASSANDRA_USERNAME: 'sluice' })).toContain(
      'CASSANDRA_PASSWORD: is required with CASSANDRA_USERNAME (set both CASSANDRA_USERNAME and CASSANDRA_PASSWORD, or neither)',
    );
  });

  it('refuses a password without a user, naming both variables and never printing the password', () => {
    const message = problems({ CASSANDRA_PASSWORD: 'hunter2-secret' });
    expect(message).toContain('CASSANDRA_USERNAME: is required with CASSANDRA_PASSWORD (set both CASSANDRA_USERNAME and CASSANDRA_PASSWORD, or neither)');
    expect(message).not.toContain('hunter2-secret');
  });

  it('refuses an unreadable CA file, and lists it with the other problems', () => {
    const message = problems({ CASSANDRA_SSL_CA: '/no/such/ca.pem', CASSANDRA_PASSWORD: 'hunter2-secret', INFLUX_TOKEN: 'sluice:' });
    expect(message).toContain('CASSANDRA_SSL_CA: must be a readable PEM file (got "/no/such/ca.pem")');
    expect(message).toContain('CASSANDRA_USERNAME: is required with CASSANDRA_PASSWORD');
    expect(message).toContain('INFLUX_TOKEN:');
    expect(message).not.toContain('hunter2-secret');
  });
});

describe('influxConfig', () => {
  const load = (env: Record<string, string>) => loadConfig({ influx: influxConfig }, env).influx;

  it('takes a token as InfluxDB 2.x issues it and InfluxDB 1.8 credentials user:password', () => {
    expect(load({ INFLUX_TOKEN: 'lI8mv3k0Cmx9_4Xb-QdAD0YgAq2R6GfA0R1n0FQz9KzcVq==' }).token).toBe('lI8mv3k0Cmx9_4Xb-QdAD0YgAq2R6GfA0R1n0FQz9KzcVq==');
    expect(load({ INFLUX_TOKEN: 'sluice:pa:ss' }).token).toBe('sluice:pa:ss');
    expect(load({}).token).toBeUndefined();
  });

  it('refuses InfluxDB 1.8 credentials with an empty user or password, never printing them', () => {
    for (const token of ['sluice:', ':hunter2-secret']) {
      const message = problems({ INFLUX_TOKEN: token });
      expect(message).toContain('INFLUX_TOKEN: as InfluxDB 1.8 credentials `user:password` needs both the user and the password');
      expect(message).not.toContain('hunter2-secret');
    }
  });

  it('trusts a CA file for an https:// URL only', () => {
    expect(load({ INFLUX_URL: 'https://127.0.0.1:8096', INFLUX_SSL_CA: __filename }).caFile).toBe(__filename);
    expect(load({}).caFile).toBeUndefined();
    expect(problems({ INFLUX_SSL_CA: __filename })).toContain('INFLUX_SSL_CA: requires an https:// INFLUX_URL');
    expect(problems({ INFLUX_URL: 'https://127.0.0.1:8096', INFLUX_SSL_CA: '/no/such/ca.pem' })).toContain('INFLUX_SSL_CA: must be a readable PEM file (got "/no/such/ca.pem")');
  });
});
