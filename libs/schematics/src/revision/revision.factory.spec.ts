import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tree } from '@angular-devkit/schematics';
import { UnitTestTree } from '@angular-devkit/schematics/testing';
import { init, NodeFileSystem, revision, ScriptDirectory } from '@nest-migrate/migration/core';
import {
  expectedRevisionFile,
  expectRefused,
  initialisedTree,
  NEST_CLI_OPTIONS,
  NOW,
  runner,
  snapshot,
  useFixedClock,
} from '../utils/testing';

describe('revision schematic', () => {
  useFixedClock();

  it('writes the first revision in the contract format', async () => {
    const tree = await runner.runSchematic('revision', { message: 'add users', revId: 'ae1027a6acf0' }, await initialisedTree());
    expect(tree.readText('/migrations/versions/ae1027a6acf0_add_users.ts')).toBe(
      expectedRevisionFile({ message: 'add users', rev: 'ae1027a6acf0' }),
    );
  });

  it("takes what `nest g -c @nest-migrate/schematics revision <name>` passes, the Nest CLI's own options included", async () => {
    // The Nest CLI turns `"add users"` into `add-users`; the message reads it back.
    const tree = await runner.runSchematic(
      'revision',
      { ...NEST_CLI_OPTIONS, name: 'add-users', revId: 'ae1027a6acf0' },
      await initialisedTree(),
    );
    expect(tree.readText('/migrations/versions/ae1027a6acf0_add_users.ts')).toBe(
      expectedRevisionFile({ message: 'add users', rev: 'ae1027a6acf0' }),
    );
  });

  it("writes to --project's migrations directory (an Nx project.json or a Nest monorepo project)", async () => {
    const nx = new UnitTestTree(Tree.empty());
    nx.create('/apps/api/project.json', JSON.stringify({ name: 'api', sourceRoot: 'apps/api/src' }));
    await runner.runSchematic('init', { project: 'api' }, nx);
    await runner.runSchematic('revision', { project: 'api', message: 'add users', revId: 'ae1027a6acf0' }, nx);
    expect(nx.exists('/apps/api/migrations/versions/ae1027a6acf0_add_users.ts')).toBe(true);

    const nest = new UnitTestTree(Tree.empty());
    nest.create(
      '/nest-cli.json',
      JSON.stringify({ monorepo: true, projects: { admin: { root: 'apps/admin', sourceRoot: 'apps/admin/src' } } }),
    );
    await runner.runSchematic('init', { ...NEST_CLI_OPTIONS, project: 'admin' }, nest);
    await runner.runSchematic('revision', { ...NEST_CLI_OPTIONS, project: 'admin', name: 'add-users', revId: 'ae1027a6acf0' }, nest);
    expect(nest.exists('/apps/admin/migrations/versions/ae1027a6acf0_add_users.ts')).toBe(true);
  });

  it('refuses an unknown --project in one line, and leaves the tree unchanged', async () => {
    await expectRefused(
      'revision',
      { project: 'nope', message: 'x' },
      await initialisedTree(),
      "No project named 'nope' in this workspace (looked in nest-cli.json and every project.json); check the name, or pass --directory",
    );
  });

  it('is also available as `migration`, on top of the current head', async () => {
    let tree = await runner.runSchematic('revision', { message: 'add users', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
    tree = await runner.runSchematic('migration', { message: 'add posts', revId: 'bbbbbbbbbbbb' }, tree);
    expect(tree.readText('/migrations/versions/bbbbbbbbbbbb_add_posts.ts')).toBe(
      expectedRevisionFile({ message: 'add posts', rev: 'bbbbbbbbbbbb', down: 'aaaaaaaaaaaa' }),
    );
  });

  it('gives a random 12-hex id without --rev-id', async () => {
    const tree = await runner.runSchematic('revision', { message: 'add users' }, await initialisedTree());
    const files = tree.files.filter((f) => f.startsWith('/migrations/versions/'));
    expect(files).toEqual([expect.stringMatching(/^\/migrations\/versions\/[0-9a-f]{12}_add_users\.ts$/)]);
  });

  it('declares branch labels and dependencies', async () => {
    let tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
    tree = await runner.runSchematic(
      'revision',
      { message: 'tags', revId: 'bbbbbbbbbbbb', head: 'base', branchLabel: ['tags'], dependsOn: ['aaaa'] },
      tree,
    );
    expect(tree.readText('/migrations/versions/bbbbbbbbbbbb_tags.ts')).toBe(
      expectedRevisionFile({ message: 'tags', rev: 'bbbbbbbbbbbb', labels: 'tags', deps: 'aaaaaaaaaaaa' }),
    );
  });

  describe('multidb (init --multidb)', () => {
    const multidbTree = () => runner.runSchematic('init', { multidb: true }, new UnitTestTree(Tree.empty()));

    it('writes one function pair per --databases entry, and merges with the same', async () => {
      let tree = await runner.runSchematic(
        'revision',
        { message: 'a', revId: 'aaaaaaaaaaaa', databases: ['default', 'analytics'] },
        await multidbTree(),
      );
      const text = tree.readText('/migrations/versions/aaaaaaaaaaaa_a.ts');
      expect(text).toContain(
        'export async function upgrade_default(op: MigrationOps): Promise<void> {}\n' +
          'export async function downgrade_default(op: MigrationOps): Promise<void> {}\n\n' +
          'export async function upgrade_analytics(op: MigrationOps): Promise<void> {}\n' +
          'export async function downgrade_analytics(op: MigrationOps): Promise<void> {}\n',
      );
      expect(text).not.toMatch(/function upgrade\(/);
      tree = await runner.runSchematic(
        'revision',
        { message: 'b', revId: 'bbbbbbbbbbbb', head: 'base', databases: ['default', 'analytics'] },
        tree,
      );
      tree = await runner.runSchematic('merge', { message: 'join', revId: 'cccccccccccc', databases: ['default', 'analytics'] }, tree);
      expect(tree.readText('/migrations/versions/cccccccccccc_join.ts')).toContain(
        'export async function downgrade_analytics(op: MigrationOps)',
      );
    });

    it('refuses a multidb directory without --databases, tree unchanged', async () => {
      await expectRefused(
        'revision',
        { message: 'a' },
        await multidbTree(),
        'The revision template migrations/script.ts.tmpl is for several databases (it has an ${each database} section), ' +
          "but one database is configured; list the databases in MigrationModule's databases option",
      );
    });
  });

  describe('branch point a -> (b, c)', () => {
    it('with --head a --splice starts a second branch from a', async () => {
      let tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
      tree = await runner.runSchematic('revision', { message: 'b', revId: 'bbbbbbbbbbbb' }, tree);
      tree = await runner.runSchematic('revision', { message: 'c', revId: 'cccccccccccc', head: 'aaaaaaaaaaaa', splice: true }, tree);
      expect(tree.readText('/migrations/versions/cccccccccccc_c.ts')).toBe(
        expectedRevisionFile({ message: 'c', rev: 'cccccccccccc', down: 'aaaaaaaaaaaa' }),
      );
    });

    it('without --splice refuses a parent that is not a head, tree unchanged', async () => {
      let tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
      tree = await runner.runSchematic('revision', { message: 'b', revId: 'bbbbbbbbbbbb' }, tree);
      await expectRefused(
        'revision',
        { message: 'c', head: 'aaaaaaaaaaaa' },
        tree,
        'Revision aaaaaaaaaaaa is not a head revision; please specify --splice to create a new branch from this revision',
      );
    });
  });

  describe('version locations', () => {
    const versionLocations = ['migrations/versions', 'migrations/tags'];

    it('writes a new base into --version-path', async () => {
      const tree = await runner.runSchematic(
        'revision',
        { message: 'tags', revId: 'aaaaaaaaaaaa', head: 'base', versionLocations, versionPath: 'migrations/tags' },
        await initialisedTree(),
      );
      expect(tree.readText('/migrations/tags/aaaaaaaaaaaa_tags.ts')).toBe(expectedRevisionFile({ message: 'tags', rev: 'aaaaaaaaaaaa' }));
    });

    it('puts a child beside its parent without --version-path', async () => {
      let tree = await runner.runSchematic(
        'revision',
        { message: 'tags', revId: 'aaaaaaaaaaaa', versionLocations, versionPath: 'migrations/tags' },
        await initialisedTree(),
      );
      tree = await runner.runSchematic('revision', { message: 'more', revId: 'bbbbbbbbbbbb', versionLocations }, tree);
      expect(tree.exists('/migrations/tags/bbbbbbbbbbbb_more.ts')).toBe(true);
    });

    it('refuses a path that is not a version location, tree unchanged', async () => {
      await expectRefused(
        'revision',
        { message: 'x', versionPath: 'elsewhere' },
        await initialisedTree(),
        'Path elsewhere is not represented in current version locations; use one of: migrations/versions',
      );
    });

    it('refuses a new base with several locations and no --version-path, tree unchanged', async () => {
      await expectRefused(
        'revision',
        { message: 'x', versionLocations },
        await initialisedTree(),
        'Multiple version locations present, please specify --version-path',
      );
    });
  });

  describe('refusals leave the tree unchanged', () => {
    it('an unknown parent', async () => {
      const tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
      await expectRefused('revision', { message: 'x', head: 'ffffffffffff' }, tree, "Can't locate revision identified by 'ffffffffffff'");
    });

    it('an existing revision id', async () => {
      const tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
      await expectRefused(
        'revision',
        { message: 'again', revId: 'aaaaaaaaaaaa' },
        tree,
        'Revision aaaaaaaaaaaa already exists in migrations/versions/aaaaaaaaaaaa_a.ts; choose another --rev-id',
      );
    });

    it('several heads without --head', async () => {
      let tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
      tree = await runner.runSchematic('revision', { message: 'b', revId: 'bbbbbbbbbbbb', head: 'base' }, tree);
      await expectRefused(
        'revision',
        { message: 'c' },
        tree,
        'Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.',
      );
    });

    it('a missing migrations directory', async () => {
      await expectRefused(
        'revision',
        { message: 'x', directory: 'db' },
        await initialisedTree(),
        "Path doesn't exist: 'db'; run the 'init' command to create a migrations directory, or pass --directory",
      );
    });
  });

  describe('the CLI path and the schematic write the same bytes', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'nest-migrate-schematics-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('for init, then two revisions and a branch point', async () => {
      const fs = new NodeFileSystem();
      const directory = join(dir, 'migrations');
      init(fs, { directory });
      const steps = [
        { message: 'add users', revId: 'aaaaaaaaaaaa' },
        { message: 'add posts', revId: 'bbbbbbbbbbbb', branchLabel: ['posts'] },
        { message: 'Tags: and "quotes"', revId: 'cccccccccccc', head: 'aaaaaaaaaaaa', splice: true },
      ];
      let tree = await initialisedTree();
      for (const step of steps) {
        revision(new ScriptDirectory({ directory, fs }), fs, { ...step, now: NOW });
        tree = await runner.runSchematic('revision', step, tree);
      }

      const onDisk: Record<string, string> = {};
      for (const name of ['README', 'script.ts.tmpl']) onDisk[`/migrations/${name}`] = readFileSync(join(directory, name), 'utf8');
      for (const name of readdirSync(join(directory, 'versions'))) {
        onDisk[`/migrations/versions/${name}`] = readFileSync(join(directory, 'versions', name), 'utf8');
      }
      expect(Object.keys(onDisk)).toHaveLength(5);
      expect(snapshot(tree)).toEqual(onDisk);
    });
  });
});
