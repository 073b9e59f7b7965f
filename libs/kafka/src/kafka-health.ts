import type { Admin, Kafka } from 'kafkajs';
import type { DependencyCheck } from '@sluice/observability';

/** Readiness of Kafka: a DescribeCluster request through a long-lived admin client. */
export class KafkaHealthCheck implements DependencyCheck {
  readonly name = 'kafka';
  private admin: Admin | undefined;

  constructor(private readonly kafka: Kafka) {}

  async check(): Promise<boolean> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    try {
      const cluster = await this.admin.describeCluster();
      return cluster.brokers.length > 0;
    } catch (e) {
      const admin = this.admin;
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined); // reconnect on the next check
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }
}
