import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationError } from '../errors';
import { MalformedRevisionFileError } from './errors';
import { MemoryFileSystem } from './memory-file-system';
import { NodeFileSystem } from './node-file-system';
import { isRevisionFileName, loadScripts } from './script-directory-loader';

function revisionFile(revision: string, downRevision: string | null = null): string {
  return [
    `/** Revision ${revision} */`,
    `export const revision = '${revision}';`,
    `export const downRevision = ${downRevision === null ? 'null' : `'${downRevision}'`};`,
    '',
  ].join('\n');
}

const twice = (path: string) => `File ${path} loaded twice! ignoring. Please ensure version locations are unique.`;
const noRevision = (path: string) =>
  `Could not determine revision id from ${path}; the file is ignored. Declare "export const revision = '<id>'" in it.`;

describe('isRevisionFileName', () => {
  it.each(['a1_add_users.ts', 'a1_add_users.js', 'A1.ts', 'x.spec.ts.ts'])('accepts %s', (name) => {
    expect(isRevisionFileName(name)).toBe(true);
  });

  it.each([
    'a1.d.ts',
    'a1.spec.ts',
    'a1.test.ts',
    'a1.spec.js',
    'a1.test.js',
    '.#a1.ts',
    '.hidden.ts',
    '_helpers.ts',
    '__init__.ts',
    'a1.js.map',
    'a1.tsx',
    'README.md',
    'a1_ts',
  ])('rejects %s', (name) => {
    expect(isRevisionFileName(name)).toBe(false);
  });
});

describe('loadScripts', () => {
  it('reads a location in sorted file name order, whatever order the directory lists', () => {
    const fs = new MemoryFileSystem({
      'm/versions/c3_third.ts': revisionFile('c3', 'b2'),
      'm/versions/a1_first.ts': revisionFile('a1'),
      'm/versions/b2_second.js': revisionFile('b2', 'a1'),
    });
    const scripts = loadScripts(fs, ['m/versions'], jest.fn());
    expect(scripts.map((s) => [s.revision, s.path, s.doc])).toEqual([
      ['a1', 'm/versions/a1_first.ts', 'Revision a1'],
      ['b2', 'm/versions/b2_second.js', 'Revision b2'],
      ['c3', 'm/versions/c3_third.ts', 'Revision c3'],
    ]);
  });

  it('reads locations in the given order, each sorted, and skips a missing one', () => {
    const fs = new MemoryFileSystem({
      'm/versions/b1.ts': revisionFile('b1'),
      'm/versions/a1.ts': revisionFile('a1'),
      'm/other/z9.ts': revisionFile('z9'),
      'm/other/y9.ts': revisionFile('y9'),
    });
    const warn = jest.fn();
    const scripts = loadScripts(fs, ['m/other', 'm/missing', 'm/versions'], warn);
    expect(scripts.map((s) => s.path)).toEqual(['m/other/y9.ts', 'm/other/z9.ts', 'm/versions/a1.ts', 'm/versions/b1.ts']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips non-revision files and does not search sub-directories', () => {
    const fs = new MemoryFileSystem({
      'm/versions/a1.ts': revisionFile('a1'),
      'm/versions/a1.d.ts': revisionFile('d1'),
      'm/versions/a1.spec.ts': revisionFile('s1'),
      'm/versions/_helpers.ts': revisionFile('h1'),
      'm/versions/.#a1.ts': revisionFile('e1'),
      'm/versions/README.md': '# notes',
      'm/versions/archive/z1.ts': revisionFile('z1'),
    });
    expect(loadScripts(fs, ['m/versions'], jest.fn()).map((s) => s.revision)).toEqual(['a1']);
  });

  it('skips a file without a revision declaration, with a warning', () => {
    const fs = new MemoryFileSystem({
      'm/versions/a1.ts': revisionFile('a1'),
      'm/versions/util.ts': 'export const helper = 1;\n',
    });
    const warn = jest.fn();
    expect(loadScripts(fs, ['m/versions'], warn).map((s) => s.revision)).toEqual(['a1']);
    expect(warn.mock.calls).toEqual([[noRevision('m/versions/util.ts')]]);
  });

  it('skips a directory named like a revision file, with a warning naming it', () => {
    const fs = new MemoryFileSystem({ 'm/versions/a1.ts': revisionFile('a1'), 'm/versions/x.ts/inner.ts': revisionFile('z1') });
    const warn = jest.fn();
    expect(loadScripts(fs, ['m/versions'], warn).map((s) => s.revision)).toEqual(['a1']);
    expect(warn.mock.calls).toEqual([
      ['m/versions/x.ts is a directory, not a revision file; it is ignored. Rename it, or move it out of the version location.'],
    ]);
  });

  it('reads a location listed twice once, warning about each repeated file', () => {
    const fs = new MemoryFileSystem({
      'm/versions/a1.ts': revisionFile('a1'),
      'm/versions/b2.ts': revisionFile('b2', 'a1'),
    });
    const warn = jest.fn();
    const scripts = loadScripts(fs, ['m/versions', './m/versions/'], warn);
    expect(scripts.map((s) => s.path)).toEqual(['m/versions/a1.ts', 'm/versions/b2.ts']);
    expect(warn.mock.calls).toEqual([[twice('m/versions/a1.ts')], [twice('m/versions/b2.ts')]]);
  });

  it('reads a file reached through a link once, keeping the first path', () => {
    const fs = new MemoryFileSystem(
      { 'm/versions/a1.ts': revisionFile('a1'), 'm/shared/b2.ts': revisionFile('b2', 'a1') },
      { links: { 'm/versions/b2_link.ts': 'm/shared/b2.ts' } },
    );
    const warn = jest.fn();
    const scripts = loadScripts(fs, ['m/versions', 'm/shared'], warn);
    expect(scripts.map((s) => s.path)).toEqual(['m/versions/a1.ts', 'm/versions/b2_link.ts']);
    expect(warn.mock.calls).toEqual([[twice('m/shared/b2.ts')]]);
  });

  it('returns nothing for no locations or an empty one', () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('m/versions');
    expect(loadScripts(fs, [], jest.fn())).toEqual([]);
    expect(loadScripts(fs, ['m/versions'], jest.fn())).toEqual([]);
  });

  it('fails when a location is a file', () => {
    const fs = new MemoryFileSystem({ 'm/versions': '' });
    expect(() => loadScripts(fs, ['m/versions'], jest.fn())).toThrow(
      new MigrationError('Version location m/versions is a file; point the version locations at directories'),
    );
  });

  it('stops at the first malformed revision file with its path and line', () => {
    const fs = new MemoryFileSystem({
      'm/versions/a1.ts': revisionFile('a1'),
      'm/versions/b2.ts': "export const revision = 'b2';\nexport const downRevision = a1;\n",
    });
    expect(() => loadScripts(fs, ['m/versions'], jest.fn())).toThrow(
      new MalformedRevisionFileError('m/versions/b2.ts', 2, 'downRevision must be a string literal, an array of string literals, or null'),
    );
  });

  describe('on a real directory with NodeFileSystem', () => {
    let root: string;

    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'nest-migrate-load-'));
    });

    afterEach(() => {
      rmSync(root, { recursive: true, force: true });
    });

    it('reads sorted revision files, ignores the rest, and dedupes a symbolic link', () => {
      const versions = `${root}/migrations/versions`;
      mkdirSync(versions, { recursive: true });
      mkdirSync(`${root}/extra`);
      writeFileSync(`${versions}/b2_second.ts`, revisionFile('b2', 'a1'));
      writeFileSync(`${versions}/a1_first.ts`, revisionFile('a1'));
      writeFileSync(`${versions}/a1_first.d.ts`, 'export declare const revision: string;\n');
      writeFileSync(`${versions}/notes.ts`, '// nothing here\n');
      mkdirSync(`${versions}/old.ts`);
      symlinkSync(`${versions}/a1_first.ts`, `${root}/extra/a1_alias.ts`);
      const warn = jest.fn();

      const scripts = loadScripts(new NodeFileSystem(), [versions, `${root}/extra`], warn);

      expect(scripts.map((s) => [s.revision, s.path])).toEqual([
        ['a1', `${versions}/a1_first.ts`],
        ['b2', `${versions}/b2_second.ts`],
      ]);
      expect(warn.mock.calls).toEqual([
        [noRevision(`${versions}/notes.ts`)],
        [`${versions}/old.ts is a directory, not a revision file; it is ignored. Rename it, or move it out of the version location.`],
        [twice(`${root}/extra/a1_alias.ts`)],
      ]);
    });
  });
});
