import picomatch from 'picomatch';

/**
 * A matcher for a file-name glob (the landing directory's `--glob`), matched against the whole
 * base name of a file with picomatch (bash glob syntax): `*` any run of characters, `?` one
 * character, `[abc]`/`[a-z]`/`[!abc]` classes, `{json,ndjson}` alternatives, `\\x` the character
 * `x` itself. Names starting with `.` or `_` never match (see {@link isHiddenFileName}).
 *
 * @example globMatcher('2021-*.{json,ndjson}')('2021-07-21-6.json') // true
 * @throws Error for a glob picomatch cannot compile, or an unclosed `[` or `{` (which picomatch
 *   would take literally)
 */
export function globMatcher(glob: string): (name: string) => boolean {
  for (const [open, close] of [['[', ']'], ['{', '}']]) {
    const unescaped = glob.replace(/\\./g, '');
    if (unescaped.lastIndexOf(open) > unescaped.lastIndexOf(close)) throw new Error(`invalid glob ${JSON.stringify(glob)}: "${open}" is not closed`);
  }
  const matches = picomatch(glob, { dot: false, posix: true, strictBrackets: true });
  return (name) => !isHiddenFileName(name) && matches(name);
}

/**
 * Whether a file is hidden from the source: a name starting with `.` or `_`, as Spark's file
 * sources ignore them, so a writer can prepare `.part` or `_tmp` files in the landing directory
 * and rename them when complete.
 */
export const isHiddenFileName = (name: string): boolean => name.startsWith('.') || name.startsWith('_');
