import { ReplyError } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import { classifyRedisError } from './redis-errors';

const reply = (text: string) => new ReplyError(text) as Error;

describe(classifyRedisError.name, () => {
  it.each([
    ["OOM command not allowed when used memory > 'maxmemory'.", 'OOM'],
    ["OOM command not allowed when used memory > 'maxmemory'. script: 431e6c8b, on @user_script:1.", 'OOM'],
    ['NOAUTH Authentication required.', 'NOAUTH'],
    ['WRONGPASS invalid username-password pair or user is disabled.', 'WRONGPASS'],
    ["NOPERM User writer has no permissions to run the 'evalsha' command", 'NOPERM'],
    ["READONLY You can't write against a read only replica.", 'READONLY'],
    ['MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.', 'MISCONF'],
    ['SOMENEWCODE a refusal this version does not know', 'SOMENEWCODE'],
  ])('takes the reply %j for the store refusing writes (%s)', (text, code) => {
    expect(classifyRedisError(reply(text))).toEqual({ kind: 'store-refused', code });
  });

  it.each([
    ['LOADING Redis is loading the dataset in memory', 'LOADING'],
    ['BUSY Redis is busy running a script.', 'BUSY'],
    ['TRYAGAIN Multiple keys request during rehashing of slot', 'TRYAGAIN'],
  ])('takes the reply %j for a busy server (transient)', (text, code) => {
    expect(classifyRedisError(reply(text))).toEqual({ kind: 'transient', code });
  });

  it('takes a script error or a key of another type for the record (record-rejected)', () => {
    expect(classifyRedisError(reply('ERR Error running script (call to f_1): @user_script:5: bad argument'))).toEqual({ kind: 'record-rejected', code: 'ERR' });
    expect(classifyRedisError(reply('WRONGTYPE Operation against a key holding the wrong kind of value'))).toEqual({ kind: 'record-rejected', code: 'WRONGTYPE' });
  });

  it('takes the client giving up or a socket error for the server not answering (transient)', () => {
    expect(classifyRedisError(new MaxRetriesPerRequestError(1))).toEqual({ kind: 'transient', code: 'MaxRetriesPerRequestError' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    expect(classifyRedisError(refused)).toEqual({ kind: 'transient', code: 'ECONNREFUSED' });
    expect(classifyRedisError(new Error('Connection is closed.')).kind).toBe('transient');
  });
});
