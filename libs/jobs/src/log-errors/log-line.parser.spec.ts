import { parseAccessLine, parseSeedLine, UNKNOWN_ERROR, UNKNOWN_URL } from './log-line.parser';

describe(parseSeedLine.name, () => {
  it('ignores a line without ERROR, and is case-sensitive as the seed', () => {
    expect(parseSeedLine('2015-10-18 INFO all fine http://a')).toBeNull();
    expect(parseSeedLine('[error] mod_jk child workerEnv in error state 6')).toBeNull();
    expect(parseSeedLine('')).toBeNull();
  });

  it('takes the first token starting with ERROR when there are several', () => {
    expect(parseSeedLine('x ERROR_DB then ERROR_IO http://h/p')).toEqual({ code: 'ERROR_DB', url: 'http://h/p' });
    expect(parseSeedLine('2015-10-18 18:04:11,034 ERROR [RMCommunicator Allocator] ERROR IN CONTACTING RM.')).toEqual({ code: 'ERROR', url: UNKNOWN_URL });
  });

  it('gives UNKNOWN_ERROR when ERROR is only inside a token', () => {
    expect(parseSeedLine('x NOERROR http://h')).toEqual({ code: UNKNOWN_ERROR, url: 'http://h' });
    expect(parseSeedLine('x [ERROR] https://h')).toEqual({ code: UNKNOWN_ERROR, url: 'https://h' });
  });

  it('accepts http:// and https:// and takes the first of them; other schemes are not URLs', () => {
    expect(parseSeedLine('ERROR_X https://s/1 http://p/2')).toEqual({ code: 'ERROR_X', url: 'https://s/1' });
    expect(parseSeedLine('ERROR_X ftp://f/1 (http://p/2)')).toEqual({ code: 'ERROR_X', url: UNKNOWN_URL });
    expect(parseSeedLine('ERROR_X HTTP://P/2')).toEqual({ code: 'ERROR_X', url: UNKNOWN_URL });
  });

  it('splits on single spaces, as line.split(" "): tabs do not separate tokens', () => {
    expect(parseSeedLine('a\tERROR_TAB  http://h')).toEqual({ code: UNKNOWN_ERROR, url: 'http://h' });
  });
});

describe(parseAccessLine.name, () => {
  const line = (status: number, path = '/presentations/logstash/') => `83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET ${path} HTTP/1.1" ${status} 203023 "http://semicomplete.com/" "Mozilla/5.0"`;

  it('reports a status of 500 or above with the status as code and the path as URL', () => {
    expect(parseAccessLine(line(500))).toEqual({ code: '500', url: '/presentations/logstash/' });
    expect(parseAccessLine(line(503, '/a?b=1'))).toEqual({ code: '503', url: '/a?b=1' });
  });

  it('returns null below 500 and undefined for a line that is not an access-log line', () => {
    expect(parseAccessLine(line(499))).toBeNull();
    expect(parseAccessLine(line(200))).toBeNull();
    expect(parseAccessLine('2015-10-18 ERROR something')).toBeUndefined();
  });

  it('parses a line whose user agent lacks its closing quote (line 8899 of the sample) and a bytes field of -', () => {
    expect(parseAccessLine('1.2.3.4 - - [19/May/2015:10:05:03 +0000] "GET /x HTTP/1.1" 502 - "-" "Mozilla/5.0 (X11')).toEqual({ code: '502', url: '/x' });
  });
});
