import { readFileSync } from 'node:fs';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { ServiceProcess, stackKafkaAuth, testKafka, testRedisUrl, waitFor } from '@sluice/testing';

/**
 * A consumer kafkajs gives up on (CRASH with `restart: false`: a non-retriable answer) must not
 * leave a service that looks alive and consumes nothing: it exits with code 1 so its supervisor
 * (compose `restart: unless-stopped`, Kubernetes) starts a fresh one. Made real here by revoking
 * the service's consumer group from its SCRAM user with a DENY ACL on the running broker (the
 * stack's Kafka runs KRaft's StandardAuthorizer, open to all until an ACL names a resource): the
 * next heartbeat gets GROUP_AUTHORIZATION_FAILED.
 */
describe('a service whose consumer crashed for good', () => {
  const auth = stackKafkaAuth();
  const run = Date.now().toString(36);
  const admin = testKafka('it-consumer-crash').admin();
  const scram = { KAFKA_BROKERS: auth.scramBrokers, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: auth.username, KAFKA_SASL_PASSWORD: auth.password };
  const denyGroup = (groupId: string) => ({
    resourceType: AclResourceTypes.GROUP,
    resourceName: groupId,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${auth.username}`,
    host: '*',
    operation: AclOperationTypes.ALL,
    permissionType: AclPermissionTypes.DENY,
  });
  const acls: Array<ReturnType<typeof denyGroup>> = [];
  const services: ServiceProcess[] = [];

  beforeAll(() => admin.connect());

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    if (acls.length) await admin.deleteAcls({ filters: acls });
    await admin.disconnect();
  });

  /** Starts the service, revokes its group, and expects exit code 1 with one fatal line naming the cause. */
  const expectExitWhenRevoked = async (service: ServiceProcess, groupId: string) => {
    services.push(service);
    await service.start();
    acls.push(denyGroup(groupId));
    await admin.createAcls({ acl: [denyGroup(groupId)] });

    const code = await Promise.race([service.whenExited, waitFor(`${service.name} to exit`, () => undefined, { timeoutMs: 60_000 })]);
    expect(code).toBe(1);
    const fatal = readFileSync(service.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } })
      .filter((l) => l.level === 60);
    expect(fatal.map((l) => l.msg)).toEqual(['consumer crashed for good; exiting so the service is restarted']);
    expect(fatal[0].err?.message).toMatch(/Group authorization failed/);
  };

  it('the processor exits with code 1 and says why when its group is revoked', async () => {
    const groupId = `it-consumer-crash-${run}`;
    await expectExitWhenRevoked(new ServiceProcess('processor', groupId, { ...scram, PROCESSOR_GROUP_ID: groupId, JOBS: 'word-counts', BATCH_INTERVAL_MS: '250' }), groupId);
  });

  it('a writer exits with code 1 and says why when its group is revoked', async () => {
    const groupId = `it-consumer-crash-writer-${run}`;
    await expectExitWhenRevoked(new ServiceProcess('redis-writer', groupId, { ...scram, WRITER_GROUP_ID: groupId, WRITER_TOPICS: 'word-counts', REDIS_URL: testRedisUrl(2) }), groupId);
  });
});
