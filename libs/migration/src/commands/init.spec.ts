import { CommandError } from '../errors';
import { MemoryFileSystem } from '../script/memory-file-system';
import { BUILT_IN_TEMPLATES, DEFAULT_SCRIPT_TEMPLATE } from '../script/templates';
import { init } from './init';

function expectRefused(fs: MemoryFileSystem, run: () => unknown, message: string): void {
  const before = fs.snapshot();
  expect(run).toThrow(CommandError);
  expect(run).toThrow(message);
  expect(message).not.toContain('\n');
  expect(fs.snapshot()).toEqual(before);
}

describe('init', () => {
  it('creates the directory, an empty versions/, README and script.ts.tmpl from the generic template', () => {
    const fs = new MemoryFileSystem();
    expect(init(fs, { directory: 'db/migrations' })).toEqual([
      'db/migrations',
      'db/migrations/versions',
      'db/migrations/README',
      'db/migrations/script.ts.tmpl',
    ]);
    expect(fs.readDir('db/migrations/versions')).toEqual([]);
    expect(fs.snapshot()).toEqual({
      'db/migrations/README': BUILT_IN_TEMPLATES.generic.README,
      'db/migrations/script.ts.tmpl': DEFAULT_SCRIPT_TEMPLATE,
    });
    expect(fs.readFile('db/migrations/README')).toContain('versions/');
  });

  it('fills an existing empty directory without listing it as created', () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('migrations');
    expect(init(fs, { directory: 'migrations', template: 'generic' })).toEqual([
      'migrations/versions',
      'migrations/README',
      'migrations/script.ts.tmpl',
    ]);
  });

  it('copies the files of a template directory given by path', () => {
    const fs = new MemoryFileSystem({
      'templates/mine/script.ts.tmpl': 'export const revision = ${revisionLiteral};\n',
      'templates/mine/NOTES.md': 'notes\n',
      'templates/mine/nested/ignored.txt': 'x',
    });
    expect(init(fs, { directory: 'migrations', template: 'templates/mine' })).toEqual([
      'migrations',
      'migrations/versions',
      'migrations/NOTES.md',
      'migrations/script.ts.tmpl',
    ]);
    expect(fs.readFile('migrations/script.ts.tmpl')).toBe('export const revision = ${revisionLiteral};\n');
    expect(fs.exists('migrations/nested')).toBe(false);
  });

  it('refuses a directory that is not empty', () => {
    const fs = new MemoryFileSystem({ 'migrations/env.ts': 'x' });
    expectRefused(fs, () => init(fs, { directory: 'migrations' }), 'Directory migrations already exists and is not empty');
  });

  it('refuses a path that is a file', () => {
    const fs = new MemoryFileSystem({ migrations: 'x' });
    expectRefused(
      fs,
      () => init(fs, { directory: 'migrations' }),
      'Path migrations exists and is not a directory; pass another --directory',
    );
  });

  it('refuses an unknown template and creates nothing', () => {
    const fs = new MemoryFileSystem();
    expectRefused(
      fs,
      () => init(fs, { directory: 'migrations', template: 'nope' }),
      "No such template 'nope'; use one of: generic, multidb, or the path of a template directory",
    );
    expect(fs.exists('migrations')).toBe(false);
  });

  it('writes the multidb template for --multidb, as for --template multidb', () => {
    for (const options of [{ multidb: true }, { template: 'multidb' }, { multidb: true, template: 'multidb' }]) {
      const fs = new MemoryFileSystem();
      init(fs, { directory: 'migrations', ...options });
      expect(fs.snapshot()).toEqual({
        'migrations/README': BUILT_IN_TEMPLATES.multidb.README,
        'migrations/script.ts.tmpl': BUILT_IN_TEMPLATES.multidb['script.ts.tmpl'],
      });
    }
    expect(BUILT_IN_TEMPLATES.multidb['script.ts.tmpl']).toContain('${each database}');
  });

  it('refuses a template directory without script.ts.tmpl, and a template given as its file', () => {
    const fs = new MemoryFileSystem({ 'templates/notes/README': 'x', 'templates/mine/script.ts.tmpl': 'x' });
    expectRefused(
      fs,
      () => init(fs, { directory: 'migrations', template: 'templates/notes' }),
      'Template directory templates/notes has no script.ts.tmpl, the template new revision files are made from; add one (see list-templates)',
    );
    expectRefused(
      fs,
      () => init(fs, { directory: 'migrations', template: 'templates/mine/script.ts.tmpl' }),
      'Template templates/mine/script.ts.tmpl is a file; pass the directory that holds it',
    );
  });

  it('lets --template win over --multidb, as Flask-Migrate does', () => {
    const fs = new MemoryFileSystem({ 'templates/mine/script.ts.tmpl': 'mine' });
    init(fs, { directory: 'migrations', multidb: true, template: 'templates/mine' });
    expect(fs.readFile('migrations/script.ts.tmpl')).toBe('mine');
  });
});
