import { errors, types } from 'cassandra-driver';
import { classifyCassandraError, isInvalidRequest } from './cassandra-errors';

const codes = types.responseErrorCodes;
const response = (code: number, message: string) => new errors.ResponseError(code, message);

describe(classifyCassandraError.name, () => {
  const credentials = { kind: 'store-refused', code: 'badCredentials', misconfigured: 'Cassandra refused the credentials (check CASSANDRA_USERNAME, CASSANDRA_PASSWORD)' };

  it('takes permission and statement refusals for the store refusing writes (waited out)', () => {
    expect(classifyCassandraError(response(codes.unauthorized, 'User writer has no MODIFY permission on <table ks.words>'))).toEqual({ kind: 'store-refused', code: 'unauthorized' });
    expect(classifyCassandraError(response(codes.syntaxError, "line 1:0 no viable alternative at input 'INSRT'"))).toEqual({ kind: 'store-refused', code: 'syntaxError' });
  });

  it('takes refused credentials for a misconfiguration naming CASSANDRA_USERNAME and CASSANDRA_PASSWORD', () => {
    expect(classifyCassandraError(response(codes.badCredentials, 'Provided username writer and/or password are incorrect'))).toEqual(credentials);
    const auth = new errors.AuthenticationError('Provided username writer and/or password are incorrect');
    expect(classifyCassandraError(auth)).toEqual(credentials);
    expect(classifyCassandraError(new errors.NoHostAvailableError({ '127.0.0.1:9042': auth }))).toEqual(credentials);
    // Credentials missing while the node requires them: the same variables to check.
    const none = new errors.AuthenticationError('Host 127.0.0.1:9142 requires authentication, but no authenticator found in the options');
    expect(classifyCassandraError(new errors.NoHostAvailableError({ '127.0.0.1:9142': none }))).toEqual(credentials);
  });

  it("takes a node certificate failing verification on every host for a misconfiguration naming CASSANDRA_SSL_CA, on some hosts for transient", () => {
    const selfSigned = () => Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(classifyCassandraError(new errors.NoHostAvailableError({ '127.0.0.1:9142': selfSigned() }))).toEqual({
      kind: 'store-refused',
      code: 'tls-untrusted',
      misconfigured: 'the TLS certificate of Cassandra is not trusted (check CASSANDRA_SSL_CA): DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const mixed = new errors.NoHostAvailableError({ a: selfSigned(), b: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(classifyCassandraError(mixed)).toEqual({ kind: 'transient', code: 'NoHostAvailable' });
  });

  it('takes a lost, slow or overloaded cluster for transient', () => {
    expect(classifyCassandraError(new errors.NoHostAvailableError({ '127.0.0.1:9042': new Error('connect ECONNREFUSED 127.0.0.1:9042') }))).toEqual({ kind: 'transient', code: 'NoHostAvailable' });
    expect(classifyCassandraError(new errors.OperationTimedOutError('The host 127.0.0.1:9042 did not reply before timeout 12000 ms', '127.0.0.1:9042'))).toEqual({ kind: 'transient', code: 'OperationTimedOut' });
    for (const code of [codes.writeTimeout, codes.unavailableException, codes.overloaded, codes.isBootstrapping, codes.serverError]) {
      expect(classifyCassandraError(response(code, 'busy')).kind).toBe('transient');
    }
    expect(classifyCassandraError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toEqual({ kind: 'transient', code: 'ECONNRESET' });
  });

  it('classifies "no host available" by the hosts\' answers when every host answered', () => {
    const unauthorized = response(codes.unauthorized, 'User writer has no MODIFY permission');
    expect(classifyCassandraError(new errors.NoHostAvailableError({ '127.0.0.1:9042': unauthorized }))).toEqual({ kind: 'store-refused', code: 'unauthorized' });
  });

  it('takes an invalid request or a value the driver cannot encode for the record', () => {
    const tooLong = response(codes.invalid, 'Key length of 70000 is longer than maximum of 65535');
    expect(classifyCassandraError(tooLong)).toEqual({ kind: 'record-rejected', code: 'invalid' });
    expect(isInvalidRequest(tooLong)).toBe(true);
    expect(classifyCassandraError(new TypeError('Not a valid bigint, expected Long/Number/String/Buffer, obtained NaN'))).toEqual({ kind: 'record-rejected', code: 'TypeError' });
    expect(isInvalidRequest(response(codes.unauthorized, 'no'))).toBe(false);
  });
});
