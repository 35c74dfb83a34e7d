import { Tree } from '@angular-devkit/schematics';
import { UnitTestTree } from '@angular-devkit/schematics/testing';
// The templates the core copies, read from its source: they are not part of its public API.
import { BUILT_IN_TEMPLATES } from '../../../migration/src/script/templates';
import { expectRefused, NEST_CLI_OPTIONS, runner, snapshot } from '../utils/testing';

const emptyTree = () => new UnitTestTree(Tree.empty());

describe('init schematic', () => {
  it('writes the generic template from the core into migrations/', async () => {
    const tree = await runner.runSchematic('init', {}, emptyTree());
    expect(snapshot(tree)).toEqual({
      '/migrations/README': BUILT_IN_TEMPLATES.generic.README,
      '/migrations/script.ts.tmpl': BUILT_IN_TEMPLATES.generic['script.ts.tmpl'],
    });
    expect(tree.readText('/migrations/script.ts.tmpl')).toContain('export const revision = ${revisionLiteral};');
  });

  it('takes the directory from --directory', async () => {
    const tree = await runner.runSchematic('init', { directory: 'apps/api/db/migrations' }, emptyTree());
    expect(tree.files.sort()).toEqual(['/apps/api/db/migrations/README', '/apps/api/db/migrations/script.ts.tmpl']);
  });

  it('takes what `nest g -c @nest-migrate/schematics init [directory]` passes', async () => {
    expect((await runner.runSchematic('init', NEST_CLI_OPTIONS, emptyTree())).files.sort()).toEqual([
      '/migrations/README',
      '/migrations/script.ts.tmpl',
    ]);
    const named = await runner.runSchematic('init', { ...NEST_CLI_OPTIONS, name: 'db/migrations' }, emptyTree());
    expect(named.files.sort()).toEqual(['/db/migrations/README', '/db/migrations/script.ts.tmpl']);
  });

  it('copies a template directory from the tree, files only, sorted by name', async () => {
    const tree = emptyTree();
    tree.create('/my-template/script.ts.tmpl', 'custom template');
    tree.create('/my-template/NOTES', 'notes');
    tree.create('/my-template/versions/skipped.ts', 'not copied');
    await runner.runSchematic('init', { directory: 'db', template: 'my-template' }, tree);
    expect(snapshot(tree)).toMatchObject({ '/db/NOTES': 'notes', '/db/script.ts.tmpl': 'custom template' });
    expect(tree.exists('/db/versions/skipped.ts')).toBe(false);
  });

  it('refuses a directory that is not empty, and leaves the tree unchanged', async () => {
    const tree = await runner.runSchematic('init', {}, emptyTree());
    await expectRefused('init', {}, tree, 'Directory migrations already exists and is not empty');
  });

  it('refuses an unknown template, and leaves the tree unchanged', async () => {
    await expectRefused(
      'init',
      { template: 'nope' },
      emptyTree(),
      "No such template 'nope'; use one of: generic, multidb, or the path of a template directory",
    );
  });

  it('writes the multidb template with --multidb', async () => {
    const tree = await runner.runSchematic('init', { multidb: true }, emptyTree());
    expect(tree.readText('/migrations/script.ts.tmpl')).toBe(BUILT_IN_TEMPLATES.multidb['script.ts.tmpl']);
    expect(tree.readText('/migrations/README')).toBe(BUILT_IN_TEMPLATES.multidb.README);
  });

  it('lets --template win over --multidb, as Flask-Migrate does', async () => {
    const tree = await runner.runSchematic('init', { multidb: true, template: 'generic' }, emptyTree());
    expect(tree.readText('/migrations/script.ts.tmpl')).toBe(BUILT_IN_TEMPLATES.generic['script.ts.tmpl']);
  });
});
