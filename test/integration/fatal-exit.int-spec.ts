import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { Topics } from '@sluice/contracts';
import { ServiceProcess, stackKafkaAuth, testKafka, testRedisUrl, waitFor } from '@sluice/testing';

/**
 * A service that can no longer do its work must not stay up looking healthy: it exits with code 1
 * so its supervisor (compose `restart: unless-stopped`, Kubernetes) starts a fresh one. Here a
 * consumer kafkajs gives up on (CRASH with `restart: false`: a non-retriable answer), and a
 * producer source whose sends are refused for good. Made real by revoking a consumer group or a
 * topic from the services' SCRAM user with a DENY ACL on the running broker (the stack's Kafka
 * runs KRaft's StandardAuthorizer, open to all until an ACL names a resource): the next heartbeat
 * gets GROUP_AUTHORIZATION_FAILED, the next send TOPIC_AUTHORIZATION_FAILED.
 */
describe('a service that cannot go on exits with code 1', () => {
  const auth = stackKafkaAuth();
  const run = Date.now().toString(36);
  const admin = testKafka('it-consumer-crash').admin();
  const scram = { KAFKA_BROKERS: auth.scramBrokers, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: auth.username, KAFKA_SASL_PASSWORD: auth.password };
  const deny = (resourceType: AclResourceTypes, resourceName: string) => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${auth.username}`,
    host: '*',
    operation: AclOperationTypes.ALL,
    permissionType: AclPermissionTypes.DENY,
  });
  const acls: Array<ReturnType<typeof deny>> = [];
  const services: ServiceProcess[] = [];

  beforeAll(() => admin.connect());

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (acls.length) await admin.deleteAcls({ filters: acls });
    await admin.disconnect();
  });

  /** Starts the service, revokes the resource, and expects exit code 1 with one fatal line naming the cause. */
  const expectExitWhenRevoked = async (service: ServiceProcess, revoked: ReturnType<typeof deny>, fatalMsg: string, cause: RegExp) => {
    services.push(service);
    await service.start();
    acls.push(revoked);
    await admin.createAcls({ acl: [revoked] });

    const code = await Promise.race([service.whenExited, waitFor(`${service.name} to exit`, () => undefined, { timeoutMs: 60_000 })]);
    expect(code).toBe(1);
    const fatal = service.logRecords().filter((l) => l.level === 60) as Array<{ msg: string; err?: { message: string } }>;
    expect(fatal.map((l) => l.msg)).toEqual([fatalMsg]);
    expect(fatal[0].err?.message).toMatch(cause);
  };
  const CONSUMER_CRASHED = 'consumer crashed for good; exiting so the service is restarted';

  it('the processor exits with code 1 and says why when its group is revoked', async () => {
    const groupId = `it-consumer-crash-${run}`;
    await expectExitWhenRevoked(new ServiceProcess('processor', groupId, { ...scram, PROCESSOR_GROUP_ID: groupId, JOBS: 'word-counts', BATCH_INTERVAL_MS: '250' }), deny(AclResourceTypes.GROUP, groupId), CONSUMER_CRASHED, /Group authorization failed/);
  });

  it('a writer exits with code 1 and says why when its group is revoked', async () => {
    const groupId = `it-consumer-crash-writer-${run}`;
    await expectExitWhenRevoked(new ServiceProcess('redis-writer', groupId, { ...scram, WRITER_GROUP_ID: groupId, WRITER_TOPICS: 'word-counts', REDIS_URL: testRedisUrl(2) }), deny(AclResourceTypes.GROUP, groupId), CONSUMER_CRASHED, /Group authorization failed/);
  });

  it('the producer service exits with code 1 and says why when its source cannot write any more', async () => {
    // Before, the failed source was only logged: the service stayed up, healthy, sending nothing.
    const name = `it-source-refused-${run}`;
    await expectExitWhenRevoked(
      new ServiceProcess('producer', name, { ...scram, PRODUCER_SOURCES: 'sine', SINE_INTERVAL_MS: '50' }),
      { ...deny(AclResourceTypes.TOPIC, Topics.signals), operation: AclOperationTypes.WRITE },
      'a producer source failed; exiting so the service is restarted',
      /not authorized to access topics|Topic authorization failed/i,
    );
  });
});
