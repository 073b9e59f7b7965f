import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { classifyInfluxError } from './influx-errors';

const http = (status: number, body: string) => new HttpError(status, undefined, body, undefined, 'application/json; charset=utf-8');

describe(classifyInfluxError.name, () => {
  it('takes a missing token, permission, org or bucket for the store refusing writes', () => {
    expect(classifyInfluxError(http(401, '{"code":"unauthorized","message":"unauthorized access"}'))).toEqual({
      kind: 'store-refused',
      code: 'http-401',
      misconfigured: 'InfluxDB refused the token (check INFLUX_TOKEN; InfluxDB 1.8 takes user:password)',
    });
    expect(classifyInfluxError(http(403, '{"code":"forbidden","message":"insufficient permissions for write"}'))).toEqual({ kind: 'store-refused', code: 'http-403' });
    expect(classifyInfluxError(http(404, '{"code":"not found","message":"bucket \\"sluice\\" not found"}'))).toEqual({ kind: 'store-refused', code: 'http-404' });
  });

  it('takes a point the store will not hold for the record, even as a 500 naming the line (QuestDB: a timestamp beyond 9999-12-31)', () => {
    // QuestDB 9.3's answer, as seen on the stack
    const questDb = http(500, '{"code":"internal error","message":"failed to parse line protocol:errors encountered on line(s):write error: signal, errno: -1, error: designated timestamp beyond 9999-12-31 is not allowed","line":2,"errorId":"73864241745f-163"}');
    expect(classifyInfluxError(questDb)).toEqual({ kind: 'record-rejected', code: 'http-500' });
    const unparsable = http(400, '{"code":"invalid","message":"failed to parse line protocol:errors encountered on line(s):\\nerror in line 1: Could not parse entire line, field value is invalid. Field: value; value: oops","line":1}');
    expect(classifyInfluxError(unparsable)).toEqual({ kind: 'record-rejected', code: 'http-400' });
    expect(classifyInfluxError(http(422, '{"code":"unprocessable entity","message":"partial write: points beyond retention policy dropped=1"}')).kind).toBe('record-rejected');
  });

  it("takes InfluxDB 1.8.3's answers (as seen on the stack): a bad point for the record, a missing database or retention policy for the store", () => {
    expect(classifyInfluxError(http(400, '{"error":"unable to parse \'signal,series=a value=oops 1767225600000\': invalid boolean"}'))).toEqual({ kind: 'record-rejected', code: 'http-400' });
    expect(classifyInfluxError(http(400, '{"error":"partial write: field type conflict: input field \\"value\\" on measurement \\"signal\\" is type integer, already exists as type float dropped=1"}'))).toEqual({ kind: 'record-rejected', code: 'http-400' });
    expect(classifyInfluxError(http(400, '{"error":"unable to parse \'signal,series=a value=1 99999999999999999\': time outside range -9223372036854775806 - 9223372036854775806"}'))).toEqual({ kind: 'record-rejected', code: 'http-400' });
    expect(classifyInfluxError(http(404, '{"error":"database not found: \\"nodb\\""}'))).toEqual({ kind: 'store-refused', code: 'http-404' });
    expect(classifyInfluxError(http(500, '{"error":"retention policy not found: norp"}'))).toEqual({ kind: 'store-refused', code: 'http-500' });
  });

  it('takes the token refused (401) and a certificate not trusted for misconfiguration, a permission refused (403) for a refusal to wait out', () => {
    expect(classifyInfluxError(http(401, '{"error":"authorization failed"}')).misconfigured).toMatch(/check INFLUX_TOKEN/);
    expect(classifyInfluxError(http(403, '{"error":"\\"sluice\\" user is not authorized to write to database \\"sluice\\""}')).misconfigured).toBeUndefined();
    const selfSigned = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(classifyInfluxError(selfSigned)).toEqual({
      kind: 'store-refused',
      code: 'tls-untrusted',
      misconfigured: 'the TLS certificate of InfluxDB is not trusted (check INFLUX_SSL_CA): DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('takes throttling, server errors, timeouts and sockets for transient', () => {
    expect(classifyInfluxError(http(429, '{}'))).toEqual({ kind: 'transient', code: 'http-429' });
    expect(classifyInfluxError(http(503, '{}'))).toEqual({ kind: 'transient', code: 'http-503' });
    expect(classifyInfluxError(http(500, '{"code":"internal error","message":"disk full"}'))).toEqual({ kind: 'transient', code: 'http-500' });
    expect(classifyInfluxError(new RequestTimedOutError())).toEqual({ kind: 'transient', code: 'timeout' });
    expect(classifyInfluxError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8086'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'transient', code: 'ECONNREFUSED' });
  });
});
