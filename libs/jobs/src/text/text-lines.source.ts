import { decodeTextLine, Topics } from '@sluice/contracts';
import type { StreamSource } from '@sluice/streaming';
import { decodeOnce } from '../decode-once';
import type { JobContext } from '../job-definition';

/**
 * The `text-lines` input contract: one UTF-8 line per record (null, over-size and invalid UTF-8
 * lines to `text-lines.dlq`), decoded once however many text jobs read it.
 */
export function textLinesSource(ctx: JobContext): StreamSource<string> {
  return { topic: Topics.textLines, decode: decodeOnce(`text-lines:${ctx.maxRecordBytes}`, (r) => decodeTextLine(r.value, ctx.maxRecordBytes)) };
}
