import { Decoded, decoded, decodeUtf8, rejected } from '@sluice/contracts';
import type { StreamRecord, StreamSource } from '@sluice/streaming';
import { decodeOnce } from '../decode-once';
import type { JobContext } from '../job-definition';
import { LogError, LogFormat, parseAccessLine, parseSeedLine } from './log-line.parser';

/** `app-logs`: one log line per record, no key (what `kafka-console-producer` or a log shipper writes). */
export const APP_LOGS_TOPIC = 'app-logs';

/** A line of `app-logs`: the error it reports, or `null` for a line that is not an error line. */
export type LogLine = LogError | null;

/**
 * The `app-logs` input contract: a UTF-8 line (null, over-size and invalid UTF-8 values to
 * `app-logs.dlq`), parsed by the configured format (once per record for the job's four streams); with `access`, a line that is not an access-log
 * line goes to the DLQ (`schema-invalid`). One trailing `\r` is dropped (CRLF files shipped line by line).
 */
export function appLogsSource(ctx: JobContext, format: LogFormat): StreamSource<LogLine> {
  return {
    topic: APP_LOGS_TOPIC,
    decode: decodeOnce(`app-logs:${format}:${ctx.maxRecordBytes}`, (r: StreamRecord): Decoded<LogLine> => {
      const text = decodeUtf8(r.value, ctx.maxRecordBytes);
      if (!text.ok) return text;
      const line = text.value.endsWith('\r') ? text.value.slice(0, -1) : text.value;
      if (format === 'seed') return decoded(parseSeedLine(line));
      const e = parseAccessLine(line);
      return e === undefined ? rejected('schema-invalid', 'not a web access log line (host ident user [time] "request" status ...)') : decoded(e);
    }),
  };
}
