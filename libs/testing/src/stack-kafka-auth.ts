import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STACK_DIR } from './stack-server-pid';

/** The native stack's authenticated Kafka listeners and the SCRAM user it creates (scripts/stack/components/kafka.sh). */
export interface StackKafkaAuth {
  /** SASL/SCRAM-SHA-512 without TLS. */
  scramBrokers: string;
  /** SASL/SCRAM-SHA-512 over TLS. */
  tlsBrokers: string;
  username: string;
  password: string;
  /** PEM of the broker's self-signed certificate (KAFKA_SSL_CA). */
  caFile: string;
}

/** Reads the stack's Kafka credentials from `$STACK_DIR/kafka/auth`. @throws when the stack never started Kafka */
export function stackKafkaAuth(): StackKafkaAuth {
  const dir = path.join(STACK_DIR, 'kafka', 'auth');
  return {
    scramBrokers: '127.0.0.1:9094',
    tlsBrokers: '127.0.0.1:9095',
    username: 'sluice',
    password: readFileSync(path.join(dir, 'sluice.password'), 'utf8').trim(),
    caFile: path.join(dir, 'ca.pem'),
  };
}

/**
 * URL of Redis database `db` as the stack's ACL user `sluice` (password from
 * `$STACK_DIR/redis/auth/sluice.password`); `password` replaces it (e.g. a wrong one).
 */
export function stackRedisAuthUrl(db: number, password?: string): string {
  const pw = password ?? readFileSync(path.join(STACK_DIR, 'redis', 'auth', 'sluice.password'), 'utf8').trim();
  return `redis://sluice:${encodeURIComponent(pw)}@127.0.0.1:6379/${db}`;
}
