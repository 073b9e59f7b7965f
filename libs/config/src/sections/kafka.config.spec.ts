import { ConfigError } from '../config-error';
import { redisConfig } from './writer.config';
import { loadConfig } from '../config-section';
import { kafkaConfig } from './kafka.config';

const load = (env: Record<string, string>) => loadConfig({ kafka: kafkaConfig }, env).kafka;
const problems = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('kafkaConfig security', () => {
  it('is plaintext without SASL by default', () => {
    expect(load({}).security).toEqual({});
  });

  it('builds SCRAM credentials and TLS with a CA file', () => {
    const c = load({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'sluice', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_SSL_CA: __filename });
    expect(c.security).toEqual({ sasl: { mechanism: 'scram-sha-512', username: 'sluice', password: 's3cret' }, ssl: { caFile: __filename } });
    expect(load({ KAFKA_SSL: 'true' }).security).toEqual({ ssl: {} });
  });

  it('names every missing or wrong variable and lists the allowed mechanisms', () => {
    const message = problems({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SSL_CA: '/no/such/ca.pem' });
    expect(message).toContain('KAFKA_SASL_MECHANISM: allowed values are plain, scram-sha-256, scram-sha-512 (got "gssapi")');
    expect(message).toContain('KAFKA_SASL_USERNAME: is required with KAFKA_SASL_MECHANISM');
    expect(message).toContain('KAFKA_SASL_PASSWORD: is required with KAFKA_SASL_MECHANISM');
    expect(message).toContain('KAFKA_SSL_CA: must be a readable PEM file (got "/no/such/ca.pem")');
  });

  it('refuses credentials without a mechanism, and never prints the password', () => {
    const message = problems({ KAFKA_SASL_USERNAME: 'sluice', KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    expect(message).toContain('KAFKA_SASL_MECHANISM: is required with KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD');
    expect(message).not.toContain('hunter2-secret');
  });
});

describe('configuration errors', () => {
  it('mask the credentials of a URL they echo', () => {
    expect(() => loadConfig({ redis: redisConfig }, { REDIS_URL: 'http://admin:hunter2@redis:6379' })).toThrow('(got "http://***@redis:6379")');
  });
});
