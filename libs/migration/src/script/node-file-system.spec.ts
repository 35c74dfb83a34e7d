import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem } from './node-file-system';

describe('NodeFileSystem on a temporary directory', () => {
  const fs = new NodeFileSystem();
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'nest-migrate-fs-'));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('makes directories recursively, writes, reads and lists', () => {
    fs.mkdir(`${root}/migrations/versions`);
    fs.mkdir(`${root}/migrations/versions`);
    fs.writeFile(`${root}/migrations/versions/a1_add.ts`, 'text é');
    expect(fs.readFile(`${root}/migrations/versions/a1_add.ts`)).toBe('text é');
    expect(readFileSync(`${root}/migrations/versions/a1_add.ts`, 'utf8')).toBe('text é');
    expect(fs.readDir(`${root}/migrations`)).toEqual(['versions']);
  });

  it('renames a file over another in one step', () => {
    fs.writeFile(`${root}/a.tmp`, 'new');
    fs.writeFile(`${root}/a.js`, 'old');
    fs.rename(`${root}/a.tmp`, `${root}/a.js`);
    expect(fs.readDir(root)).toEqual(['a.js']);
    expect(fs.readFile(`${root}/a.js`)).toBe('new');
  });

  it('tells files, directories and missing paths apart', () => {
    writeFileSync(`${root}/file.ts`, '');
    expect([fs.exists(root), fs.isDirectory(root)]).toEqual([true, true]);
    expect([fs.exists(`${root}/file.ts`), fs.isDirectory(`${root}/file.ts`)]).toEqual([true, false]);
    expect([fs.exists(`${root}/missing`), fs.isDirectory(`${root}/missing`)]).toEqual([false, false]);
  });

  it('resolves symbolic links in realpath', () => {
    writeFileSync(`${root}/a.ts`, '');
    symlinkSync(`${root}/a.ts`, `${root}/b.ts`);
    expect(fs.realpath(`${root}/b.ts`)).toBe(fs.realpath(`${root}/a.ts`));
  });

  it('fails with the node:fs error code on a missing file', () => {
    expect(() => fs.readFile(`${root}/missing.ts`)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
