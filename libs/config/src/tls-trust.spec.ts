import { caFileProblem, tlsVerifyCode } from './tls-trust';

describe(tlsVerifyCode.name, () => {
  it("names Node's verification failures and nothing else", () => {
    expect(tlsVerifyCode(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(tlsVerifyCode(Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(tlsVerifyCode(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(tlsVerifyCode(new Error('no code'))).toBeUndefined();
    expect(tlsVerifyCode(undefined)).toBeUndefined();
  });
});

describe(caFileProblem.name, () => {
  it('accepts a readable file or none, and names the variable of an unreadable one', () => {
    expect(caFileProblem('X_SSL_CA', __filename)).toBeUndefined();
    expect(caFileProblem('X_SSL_CA', undefined)).toBeUndefined();
    expect(caFileProblem('X_SSL_CA', '/no/such/ca.pem')).toEqual({ variable: 'X_SSL_CA', message: 'must be a readable PEM file', received: '/no/such/ca.pem' });
  });
});
