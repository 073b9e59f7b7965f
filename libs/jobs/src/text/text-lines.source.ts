import { decodeTextLine, Topics } from '@sluice/contracts';
import type { StreamSource } from '@sluice/streaming';
import type { JobContext } from '../job-definition';

/** The `text-lines` input contract: one UTF-8 line per record (null, over-size and invalid UTF-8 lines to `text-lines.dlq`). */
export function textLinesSource(ctx: JobContext): StreamSource<string> {
  return { topic: Topics.textLines, decode: (r) => decodeTextLine(r.value, ctx.maxRecordBytes) };
}
