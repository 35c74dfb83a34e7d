import { MemoryFileSystem } from './memory-file-system';

/** The `code` of the error `action` throws. */
function errorCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
  throw new Error('expected an error');
}

describe('MemoryFileSystem', () => {
  const fs = () =>
    new MemoryFileSystem({
      'migrations/versions/b_second.ts': 'b',
      'migrations/versions/a_first.ts': 'a',
      'migrations/env.ts': 'env',
      '/abs/file.txt': 'abs',
    });

  describe('reading', () => {
    it('reads files by relative, normalised or absolute path', () => {
      const files = fs();
      expect(files.readFile('migrations/versions/a_first.ts')).toBe('a');
      expect(files.readFile('./migrations/./versions/../versions/a_first.ts')).toBe('a');
      expect(files.readFile('/abs/file.txt')).toBe('abs');
    });

    it('lists a directory in creation order, files and sub-directories alike', () => {
      const files = fs();
      expect(files.readDir('migrations/versions')).toEqual(['b_second.ts', 'a_first.ts']);
      expect(files.readDir('migrations/')).toEqual(['versions', 'env.ts']);
      expect(files.readDir('.')).toEqual(['migrations']);
      expect(files.readDir('/')).toEqual(['abs']);
    });

    it('tells files, directories and missing paths apart', () => {
      const files = fs();
      expect([files.exists('migrations'), files.isDirectory('migrations')]).toEqual([true, true]);
      expect([files.exists('migrations/env.ts'), files.isDirectory('migrations/env.ts')]).toEqual([true, false]);
      expect([files.exists('missing'), files.isDirectory('missing')]).toEqual([false, false]);
    });

    it('fails like node:fs on missing paths and wrong kinds', () => {
      const files = fs();
      expect(errorCode(() => files.readFile('missing.ts'))).toBe('ENOENT');
      expect(errorCode(() => files.readFile('migrations'))).toBe('EISDIR');
      expect(errorCode(() => files.readDir('missing'))).toBe('ENOENT');
      expect(errorCode(() => files.readDir('migrations/env.ts'))).toBe('ENOTDIR');
      expect(errorCode(() => files.realpath('missing'))).toBe('ENOENT');
    });

    it('names the path in its error messages', () => {
      expect(() => fs().readFile('missing.ts')).toThrow("ENOENT: no such file or directory, open 'missing.ts'");
    });
  });

  describe('writing', () => {
    it('writes and replaces a file in an existing directory', () => {
      const files = fs();
      files.writeFile('migrations/versions/c_third.ts', 'c');
      files.writeFile('migrations/env.ts', 'env 2');
      expect(files.readFile('migrations/versions/c_third.ts')).toBe('c');
      expect(files.readDir('migrations/versions')).toEqual(['b_second.ts', 'a_first.ts', 'c_third.ts']);
      expect(files.readFile('migrations/env.ts')).toBe('env 2');
    });

    it('renames a file over another, leaving one entry in each directory', () => {
      const files = fs();
      files.writeFile('migrations/versions/c.tmp', 'new');
      files.rename('migrations/versions/c.tmp', 'migrations/versions/a_first.ts');
      expect(files.readFile('migrations/versions/a_first.ts')).toBe('new');
      expect(files.readDir('migrations/versions')).toEqual(['b_second.ts', 'a_first.ts']);
      expect(errorCode(() => files.rename('migrations/versions/c.tmp', 'migrations/x'))).toBe('ENOENT');
    });

    it('refuses to write into a missing directory or over a directory', () => {
      const files = fs();
      expect(errorCode(() => files.writeFile('other/x.ts', 'x'))).toBe('ENOENT');
      expect(errorCode(() => files.writeFile('migrations', 'x'))).toBe('EISDIR');
      expect(files.snapshot()).toEqual(fs().snapshot());
    });

    it('makes directories with their parents, and accepts an existing one', () => {
      const files = new MemoryFileSystem();
      files.mkdir('a/b/c');
      files.mkdir('a/b');
      expect(files.isDirectory('a/b/c')).toBe(true);
      expect(files.readDir('a')).toEqual(['b']);
      expect(errorCode(() => fs().mkdir('migrations/env.ts/x'))).toBe('EEXIST');
    });

    it('snapshots every file sorted by path', () => {
      expect(Object.keys(fs().snapshot())).toEqual([
        '/abs/file.txt',
        'migrations/env.ts',
        'migrations/versions/a_first.ts',
        'migrations/versions/b_second.ts',
      ]);
    });
  });

  describe('links', () => {
    const linked = () =>
      new MemoryFileSystem(
        { 'real/versions/a.ts': 'a' },
        { links: { 'alias/versions': 'real/versions', 'alias/one.ts': 'real/versions/a.ts', loop: 'loop' } },
      );

    it('reads through a linked directory or file', () => {
      const files = linked();
      expect(files.readDir('alias/versions')).toEqual(['a.ts']);
      expect(files.readFile('alias/versions/a.ts')).toBe('a');
      expect(files.readFile('alias/one.ts')).toBe('a');
      expect(files.readDir('alias')).toEqual(['versions', 'one.ts']);
    });

    it('resolves links in realpath', () => {
      const files = linked();
      expect(files.realpath('alias/versions/a.ts')).toBe('real/versions/a.ts');
      expect(files.realpath('alias/one.ts')).toBe('real/versions/a.ts');
      expect(files.realpath('./real/versions/')).toBe('real/versions');
    });

    it('fails on a link loop, which exists() reports as missing like existsSync', () => {
      const files = linked();
      expect(errorCode(() => files.readFile('loop'))).toBe('ELOOP');
      expect([files.exists('loop'), files.isDirectory('loop')]).toEqual([false, false]);
    });
  });
});
