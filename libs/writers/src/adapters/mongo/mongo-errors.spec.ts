import { MongoErrorLabel, MongoNetworkError, MongoNetworkTimeoutError, MongoServerError, MongoTopologyClosedError } from 'mongodb';
import { classifyMongoCode, classifyMongoError } from './mongo-errors';

const server = (code: number, codeName: string, labels: string[] = []) => {
  const e = new MongoServerError({ code, codeName, errmsg: `${codeName} (test)` });
  for (const l of labels) e.addErrorLabel(l);
  return e;
};

describe(classifyMongoError.name, () => {
  it('takes authentication, permission and primary refusals for the store refusing writes', () => {
    expect(classifyMongoError(server(13, 'Unauthorized'))).toEqual({ kind: 'store-refused', code: 'Unauthorized' });
    expect(classifyMongoError(server(18, 'AuthenticationFailed'))).toEqual({
      kind: 'store-refused',
      code: 'AuthenticationFailed',
      misconfigured: 'MongoDB refused the credentials (check the user and password in MONGO_URL)',
    });
    expect(classifyMongoError(server(13, 'Unauthorized')).misconfigured).toBeUndefined();
    expect(classifyMongoError(server(10107, 'NotWritablePrimary', [MongoErrorLabel.RetryableWriteError]))).toEqual({ kind: 'store-refused', code: 'NotWritablePrimary' });
    expect(classifyMongoError(server(9999, 'SomeNewRefusal'))).toEqual({ kind: 'store-refused', code: 'SomeNewRefusal' });
  });

  it('takes network, shutdown and retryable errors for transient', () => {
    expect(classifyMongoError(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toEqual({ kind: 'transient', code: 'MongoNetworkError' });
    expect(classifyMongoError(new MongoNetworkTimeoutError('connection timed out')).kind).toBe('transient');
    expect(classifyMongoError(new MongoTopologyClosedError()).kind).toBe('transient');
    expect(classifyMongoError(server(91, 'ShutdownInProgress'))).toEqual({ kind: 'transient', code: 'ShutdownInProgress' });
    expect(classifyMongoError(server(9998, 'SomethingRetryable', [MongoErrorLabel.RetryableWriteError]))).toEqual({ kind: 'transient', code: 'SomethingRetryable' });
  });

  it('takes a failed command about the document for the record', () => {
    expect(classifyMongoError(server(121, 'DocumentValidationFailure'))).toEqual({ kind: 'record-rejected', code: 'DocumentValidationFailure' });
    expect(classifyMongoError(server(10334, 'BSONObjectTooLarge'))).toEqual({ kind: 'record-rejected', code: 'BSONObjectTooLarge' });
  });
});

describe(classifyMongoCode.name, () => {
  it('takes an unknown per-document write error for the record, a store-level code on a document for the store', () => {
    expect(classifyMongoCode(4711, true)).toEqual({ kind: 'record-rejected', code: '4711' });
    expect(classifyMongoCode(4711, false)).toEqual({ kind: 'store-refused', code: '4711' });
    expect(classifyMongoCode(13, true)).toEqual({ kind: 'store-refused', code: 'Unauthorized' });
    expect(classifyMongoCode(189, true)).toEqual({ kind: 'transient', code: 'PrimarySteppedDown' });
  });
});
