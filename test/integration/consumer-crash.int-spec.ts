import { readFileSync } from 'node:fs';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { ServiceProcess, stackKafkaAuth, testKafka, waitFor } from '@sluice/testing';

/**
 * A consumer kafkajs gives up on (CRASH with `restart: false`: a non-retriable answer) must not
 * leave a processor that looks alive and consumes nothing: it exits with code 1 so its supervisor
 * (compose `restart: unless-stopped`, Kubernetes) starts a fresh one. Made real here by revoking
 * the processor's consumer group from its SCRAM user with a DENY ACL on the running broker (the
 * stack's Kafka runs KRaft's StandardAuthorizer, open to all until an ACL names a resource): the
 * next heartbeat gets GROUP_AUTHORIZATION_FAILED.
 */
describe('processor whose consumer crashed for good', () => {
  const auth = stackKafkaAuth();
  const run = Date.now().toString(36);
  const groupId = `it-consumer-crash-${run}`;
  const admin = testKafka('it-consumer-crash').admin();
  const acl = {
    resourceType: AclResourceTypes.GROUP,
    resourceName: groupId,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${auth.username}`,
    host: '*',
    operation: AclOperationTypes.ALL,
    permissionType: AclPermissionTypes.DENY,
  };
  let processor: ServiceProcess | undefined;

  beforeAll(() => admin.connect());

  afterAll(async () => {
    await processor?.stop();
    await admin.deleteAcls({ filters: [acl] });
    await admin.disconnect();
  });

  it('exits with code 1 and says why when its group is revoked', async () => {
    processor = new ServiceProcess('processor', groupId, {
      KAFKA_BROKERS: auth.scramBrokers,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: auth.username,
      KAFKA_SASL_PASSWORD: auth.password,
      PROCESSOR_GROUP_ID: groupId,
      JOBS: 'word-counts',
      BATCH_INTERVAL_MS: '250',
    });
    await processor.start();
    await admin.createAcls({ acl: [acl] });

    const code = await Promise.race([processor.whenExited, waitFor('the processor to exit', () => undefined, { timeoutMs: 60_000 })]);
    expect(code).toBe(1);
    const fatal = readFileSync(processor.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } })
      .filter((l) => l.level === 60);
    expect(fatal.map((l) => l.msg)).toEqual(['consumer crashed for good; exiting so the service is restarted']);
    expect(fatal[0].err?.message).toMatch(/Group authorization failed/);
  });
});
