/**
 * A matcher for a file-name glob (the landing directory's `--glob`), matched against the whole
 * base name of a file:
 * - `*` any run of characters, `?` one character;
 * - `[abc]`, `[a-z]` one of the characters, `[!abc]` (or `[^abc]`) one character not in them;
 * - `{json,ndjson}` one of the comma-separated alternatives (not nested);
 * - `\x` the character `x` itself; every other character stands for itself.
 * Names starting with `.` or `_` never match (see {@link isHiddenFileName}).
 *
 * @example globMatcher('2021-*.{json,ndjson}')('2021-07-21-6.json') // true
 * @throws Error for an unclosed `[` or `{`
 */
export function globMatcher(glob: string): (name: string) => boolean {
  const regex = new RegExp(`^${globToRegex(glob)}$`, 'u');
  return (name) => !isHiddenFileName(name) && regex.test(name);
}

/**
 * Whether a file is hidden from the source: a name starting with `.` or `_`, as Spark's file
 * sources ignore them, so a writer can prepare `.part` or `_tmp` files in the landing directory
 * and rename them when complete.
 */
export const isHiddenFileName = (name: string): boolean => name.startsWith('.') || name.startsWith('_');

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) throw new Error(`invalid glob ${JSON.stringify(glob)}: "[" is not closed`);
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, (x) => `\\${x}`)}]`;
      i = close;
    } else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) throw new Error(`invalid glob ${JSON.stringify(glob)}: "{" is not closed`);
      out += `(?:${glob.slice(i + 1, close).split(',').map((alt) => globToRegex(alt)).join('|')})`;
      i = close;
    } else out += escape(c);
  }
  return out;
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, (x) => `\\${x}`);
