import { createHash } from 'node:crypto';
import { MemoryFileSystem } from '../script/memory-file-system';
import { CompileCache } from './compile-cache';

const SOURCE = `import type { MigrationOps } from '@nest-migrate/migration';
export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('CREATE TABLE a (id int)');
}
`;
const EDITED = SOURCE.replace('TABLE a', 'TABLE b');

const sucraseVersion = (require('sucrase/package.json') as { version: string }).version;

function keyOf(source: string): string {
  return createHash('sha256').update(`sucrase-typescript-imports-1\0${sucraseVersion}\0${source}`).digest('hex').slice(0, 16);
}

function cacheFiles(fs: MemoryFileSystem): string[] {
  return Object.keys(fs.snapshot()).filter((path) => path.includes('__revcache__'));
}

/** A file system whose every write fails once it is made, as on a read-only deploy. */
class ReadOnlyFileSystem extends MemoryFileSystem {
  private readonly made = true;
  override writeFile(path: string, text: string): void {
    if (!this.made) return super.writeFile(path, text);
    throw Object.assign(new Error(`EROFS: read-only file system, open '${path}'`), { code: 'EROFS' });
  }
  override mkdir(path: string): void {
    if (!this.made) return super.mkdir(path);
    if (!this.isDirectory(path)) throw Object.assign(new Error(`EROFS: read-only file system, mkdir '${path}'`), { code: 'EROFS' });
  }
}

describe('CompileCache over the FileSystem port', () => {
  const path = 'migrations/versions/a1_create.ts';

  it('keys an entry by a hash of the source and the compiler, beside the revision', () => {
    const fs = new MemoryFileSystem({ [path]: SOURCE });
    expect(new CompileCache(fs).entryPath(path, SOURCE)).toBe(`migrations/versions/__revcache__/a1_create.${keyOf(SOURCE)}.js`);
    expect(keyOf(SOURCE)).not.toBe(keyOf(EDITED));
  });

  it('writes the compiled CommonJS with a checksum of its body, and reads it back on the next run', () => {
    const fs = new MemoryFileSystem({ [path]: SOURCE });
    const code = new CompileCache(fs).compiled(path, SOURCE);

    const entry = `migrations/versions/__revcache__/a1_create.${keyOf(SOURCE)}.js`;
    expect(cacheFiles(fs)).toEqual([entry]);
    const hash = createHash('sha256').update(code).digest('hex');
    expect(fs.readFile(entry)).toBe(`${code}\n//# nest-migrate-compiled ${hash}\n`);
    expect(code).toContain('exports.upgrade = upgrade');
    expect(code).not.toContain('MigrationOps');
    // Line numbers are kept, so a stack trace points at the revision's own lines.
    expect(code.split('\n').findIndex((line) => line.includes('CREATE TABLE a'))).toBe(2);

    // A second run takes the entry as it is: proven by an entry whose body says something else.
    const planted = 'exports.planted = true;';
    fs.writeFile(entry, `${planted}\n//# nest-migrate-compiled ${createHash('sha256').update(planted).digest('hex')}\n`);
    expect(new CompileCache(fs).compiled(path, SOURCE)).toBe(planted);
  });

  it('compiles an edited file again, into a new entry, and leaves the stale one alone', () => {
    const fs = new MemoryFileSystem({ [path]: SOURCE });
    new CompileCache(fs).compiled(path, SOURCE);
    const code = new CompileCache(fs).compiled(path, EDITED);

    expect(code).toContain('CREATE TABLE b');
    expect(cacheFiles(fs)).toEqual(
      [
        `migrations/versions/__revcache__/a1_create.${keyOf(SOURCE)}.js`,
        `migrations/versions/__revcache__/a1_create.${keyOf(EDITED)}.js`,
      ].sort(),
    );
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, 40)],
    ['with a changed body', (text: string) => text.replace('TABLE a', 'TABLE x')],
    ['empty', () => ''],
  ])('recompiles and rewrites a %s entry instead of running it', (_, damage) => {
    const fs = new MemoryFileSystem({ [path]: SOURCE });
    const good = new CompileCache(fs).compiled(path, SOURCE);
    const entry = cacheFiles(fs)[0];
    const written = fs.readFile(entry);
    fs.writeFile(entry, damage(written));

    expect(new CompileCache(fs).compiled(path, SOURCE)).toBe(good);
    expect(fs.readFile(entry)).toBe(written);
  });

  it('compiles in memory, without failing, where the cache directory cannot be written', () => {
    const fs = new ReadOnlyFileSystem({ [path]: SOURCE });
    const writable = new MemoryFileSystem({ [path]: SOURCE });

    expect(new CompileCache(fs).compiled(path, SOURCE)).toBe(new CompileCache(writable).compiled(path, SOURCE));
    expect(cacheFiles(fs)).toEqual([]);
  });

  it('leaves no temporary file behind', () => {
    const fs = new MemoryFileSystem({ [path]: SOURCE });
    new CompileCache(fs).compiled(path, SOURCE);
    expect(Object.keys(fs.snapshot()).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});
