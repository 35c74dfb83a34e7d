import { Tree } from '@angular-devkit/schematics';
import { TreeFileSystem } from './tree-file-system';

describe('TreeFileSystem', () => {
  function setup() {
    const tree = Tree.empty();
    tree.create('/migrations/README', 'readme');
    tree.create('/migrations/versions/a_x.ts', 'a');
    return { tree, fs: new TreeFileSystem(tree) };
  }

  it('reads files by workspace-relative path, in any spelling', () => {
    const { fs } = setup();
    expect(fs.readFile('migrations/README')).toBe('readme');
    expect(fs.readFile('./migrations//versions/a_x.ts')).toBe('a');
    expect(fs.realpath('./migrations/versions/../README')).toBe('migrations/README');
  });

  it('sees a directory while a file is under it, and one made by mkdir', () => {
    const { fs } = setup();
    expect(fs.isDirectory('migrations')).toBe(true);
    expect(fs.isDirectory('migrations/README')).toBe(false);
    expect(fs.exists('db')).toBe(false);
    fs.mkdir('db/versions');
    expect(fs.isDirectory('db')).toBe(true);
    expect(fs.readDir('db')).toEqual(['versions']);
    expect(fs.readDir('db/versions')).toEqual([]);
    expect(fs.readDir('migrations').sort()).toEqual(['README', 'versions']);
  });

  it('fails where node:fs would, with the same codes', () => {
    const { fs } = setup();
    expect(() => fs.readFile('nope')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => fs.readFile('migrations')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => fs.readDir('migrations/README')).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => fs.readDir('nope')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => fs.mkdir('migrations/README')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => fs.writeFile('migrations', 'x')).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => fs.realpath('nope')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('renames a file over another, and fails on a missing one as node:fs does', () => {
    const { tree, fs } = setup();
    fs.writeFile('migrations/versions/b.tmp', 'b');
    fs.rename('migrations/versions/b.tmp', 'migrations/versions/a_x.ts');
    expect(tree.readText('/migrations/versions/a_x.ts')).toBe('b');
    expect(tree.exists('/migrations/versions/b.tmp')).toBe(false);
    expect(() => fs.rename('migrations/versions/b.tmp', 'migrations/y')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('creates and overwrites files in the tree', () => {
    const { tree, fs } = setup();
    fs.writeFile('migrations/versions/b_y.ts', 'b');
    fs.writeFile('migrations/README', 'new');
    expect(tree.readText('/migrations/versions/b_y.ts')).toBe('b');
    expect(tree.readText('/migrations/README')).toBe('new');
  });
});
