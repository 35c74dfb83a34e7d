import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { FileSystem } from '../script/file-system';

/** The directory beside the revision files that holds their compiled forms (like Python's `__pycache__`). */
export const COMPILE_CACHE_DIRECTORY = '__revcache__';

// Part of every key: a new sucrase, or a change to how we compile, makes old entries unused.
const COMPILE_FORMAT = 'sucrase-typescript-imports-1';
const ENTRY_MARK = '\n//# nest-migrate-compiled ';

let compilerVersion: string | undefined;
let transform: typeof import('sucrase').transform | undefined;

/**
 * Compiles `.ts` revision files to CommonJS once, and keeps the result in
 * `<version location>/__revcache__/<file>.<key>.js`, where the key is a hash of the source and
 * the compiler, so an edited file gets a new entry and an old entry is never read again
 * (stale entries are harmless; delete the directory at any time). Entries are written under a
 * temporary name and renamed, so a reader never sees half of one, and each ends with a hash of
 * its own body, so a damaged entry is recompiled instead of run. Where the directory cannot be
 * written (a read-only deploy), the file is compiled in memory on every run instead.
 */
export class CompileCache {
  constructor(private readonly fs: FileSystem) {}

  /** CommonJS for the TypeScript file at `path`, whose text is `source`; line numbers are kept. */
  compiled(path: string, source: string): string {
    const entry = this.entryPath(path, source);
    const cached = this.read(entry);
    if (cached !== undefined) return cached;
    const code = compile(path, source);
    this.write(entry, code);
    return code;
  }

  /** Where the compiled form of `source` at `path` lives. */
  entryPath(path: string, source: string): string {
    const key = hash(`${COMPILE_FORMAT}\0${sucraseVersion()}\0${source}`).slice(0, 16);
    const name = posix.basename(path).replace(/\.[cm]?ts$/, '');
    return posix.join(posix.dirname(path), COMPILE_CACHE_DIRECTORY, `${name}.${key}.js`);
  }

  private read(entry: string): string | undefined {
    let text: string;
    try {
      text = this.fs.readFile(entry);
    } catch {
      return undefined;
    }
    const mark = text.lastIndexOf(ENTRY_MARK);
    if (mark < 0) return undefined;
    const body = text.slice(0, mark);
    return text.slice(mark + ENTRY_MARK.length).trim() === hash(body) ? body : undefined;
  }

  private write(entry: string, code: string): void {
    const temporary = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      this.fs.mkdir(posix.dirname(entry));
      this.fs.writeFile(temporary, `${code}${ENTRY_MARK}${hash(code)}\n`);
      this.fs.rename(temporary, entry);
    } catch {
      // A cache that cannot be written only costs the compile next time; the run goes on.
    }
  }
}

/** Sucrase is required on the first compile only: a run from the cache never loads it. */
function compile(path: string, source: string): string {
  transform ??= (require('sucrase') as typeof import('sucrase')).transform;
  return transform(source, { transforms: ['typescript', 'imports'], filePath: path }).code;
}

/** Sucrase's version, read from its package.json: far cheaper than loading sucrase, and a cached run does not load it. */
function sucraseVersion(): string {
  compilerVersion ??= (JSON.parse(readFileSync(require.resolve('sucrase/package.json'), 'utf8')) as { version: string }).version;
  return compilerVersion;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
