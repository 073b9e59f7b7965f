/** The error a log line reports: its code and the URL it concerns (the seed's `(error_code, url)` pair). */
export interface LogError {
  code: string;
  url: string;
}

/** Code of an error line without a token starting with `ERROR` (the seed's default). */
export const UNKNOWN_ERROR = 'UNKNOWN_ERROR';
/** URL of an error line without a token starting with `http://` or `https://` (the seed's default). */
export const UNKNOWN_URL = 'UNKNOWN_URL';

/** Log line formats `LOG_FORMAT` selects. */
export const LOG_FORMATS = ['seed', 'access'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * The seed's rules (seed 004, `detector.py`), exactly: a line is an error line when it contains
 * `ERROR` (anywhere, case-sensitive: `line.contains("ERROR")`); splitting it on single spaces
 * (`line.split(" ")`), its code is the first token that starts with `ERROR`, else `UNKNOWN_ERROR`,
 * and its URL the first token that starts with `http://` or `https://`, else `UNKNOWN_URL`.
 *
 * @returns the error, or `null` for a line that is not an error line
 * @example parseSeedLine('2024-01-01 ERROR_DB failed GET https://a/b') // { code: 'ERROR_DB', url: 'https://a/b' }
 */
export function parseSeedLine(line: string): LogError | null {
  if (!line.includes('ERROR')) return null;
  const parts = line.split(' ');
  return {
    code: parts.find((p) => p.startsWith('ERROR')) ?? UNKNOWN_ERROR,
    url: parts.find((p) => p.startsWith('http://') || p.startsWith('https://')) ?? UNKNOWN_URL,
  };
}

// host ident user [time] "METHOD path PROTOCOL" status bytes ... (Apache combined and common formats)
const ACCESS_LINE = /^\S+ \S+ \S+ \[[^\]]*\] "(?:[A-Z]+ )?(\S*)[^"]*" (\d{3}) /;

/**
 * A line of a web access log (Apache combined or common format): an error line when its status
 * is 500 or above, with the status as code and the request path as URL — so real access logs,
 * which hold no `ERROR` token, give real answers.
 *
 * @returns the error, `null` for a status below 500, or `undefined` for a line that is not an
 *   access-log line (the job dead-letters it)
 * @example parseAccessLine('1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /x HTTP/1.1" 503 12 "-" "-"') // { code: '503', url: '/x' }
 */
export function parseAccessLine(line: string): LogError | null | undefined {
  const m = ACCESS_LINE.exec(line);
  if (!m) return undefined;
  return Number(m[2]) >= 500 ? { code: m[2], url: m[1] } : null;
}
