import { CommandError } from '../errors';
import { MemoryFileSystem } from '../script/memory-file-system';
import { parseRevisionHeader } from '../script/revision-header';
import { ScriptDirectory } from '../script/script-directory';
import { init } from './init';
import { revision } from './revision';

const DIR = 'migrations';
const NOW = new Date(2026, 10, 25, 10, 0, 0); // local time, as the Create Date is
const DATE = '2026-11-25 10:00:00.000000';

interface Expected {
  message: string;
  rev: string;
  down?: string | string[] | null;
  labels?: string | string[] | null;
  deps?: string | string[] | null;
  upgrade?: string;
  downgrade?: string;
}

const literal = (ids: string | string[] | null | undefined) =>
  ids === null || ids === undefined ? 'null' : typeof ids === 'string' ? `'${ids}'` : `[${ids.map((i) => `'${i}'`).join(', ')}]`;

/** The exact text of a revision file, spelled out in the README's contract form. */
function expectedFile(e: Expected): string {
  const revises = e.down === null || e.down === undefined ? '' : ` ${[e.down].flat().join(', ')}`;
  return [
    '/**',
    ` * ${e.message}`,
    ' *',
    ` * Revision ID: ${e.rev}`,
    ` * Revises:${revises}`,
    ` * Create Date: ${DATE}`,
    ' */',
    "import type { MigrationOps } from '@nest-migrate/migration';",
    '',
    `export const revision = '${e.rev}';`,
    `export const downRevision: string | string[] | null = ${literal(e.down)};`,
    `export const branchLabels: string | string[] | null = ${literal(e.labels)};`,
    `export const dependsOn: string | string[] | null = ${literal(e.deps)};`,
    '',
    `export async function upgrade(op: MigrationOps): Promise<void> ${e.upgrade ?? '{}'}`,
    `export async function downgrade(op: MigrationOps): Promise<void> ${e.downgrade ?? '{}'}`,
    '',
  ].join('\n');
}

function setup(versionLocations?: string[]): { fs: MemoryFileSystem; script: () => ScriptDirectory } {
  const fs = new MemoryFileSystem();
  init(fs, { directory: DIR });
  // A fresh directory per call: what the next command would read from disk.
  return { fs, script: () => new ScriptDirectory({ directory: DIR, versionLocations, fs }) };
}

/** Asserts a one-line CommandError and that no file changed. */
function expectRefused(fs: MemoryFileSystem, run: () => unknown, message: string): void {
  const before = fs.snapshot();
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CommandError);
  expect((caught as Error).message).toBe(message);
  expect((caught as Error).message).not.toContain('\n');
  expect(fs.snapshot()).toEqual(before);
}

describe('revision', () => {
  it('writes a base revision in exactly the contract form', () => {
    const { fs, script } = setup();
    const result = revision(script(), fs, { message: 'Add users table', revId: '1975ea83b712', now: NOW });
    expect(result.path).toBe('migrations/versions/1975ea83b712_add_users_table.ts');
    expect(result.revision).toBe('1975ea83b712');
    expect(fs.readFile(result.path)).toBe(
      `/**
 * Add users table
 *
 * Revision ID: 1975ea83b712
 * Revises:
 * Create Date: 2026-11-25 10:00:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '1975ea83b712';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {}
export async function downgrade(op: MigrationOps): Promise<void> {}
`,
    );
    const header = parseRevisionHeader(fs.readFile(result.path), result.path)!;
    expect(header).toMatchObject({ revision: '1975ea83b712', downRevision: null, doc: 'Add users table' });
    expect(script().getBases()).toEqual(['1975ea83b712']);
  });

  it('writes a child of the head, found by the graph', () => {
    const { fs, script } = setup();
    revision(script(), fs, { message: 'first', revId: '3f2a9c01d4e5', now: NOW });
    const child = revision(script(), fs, { message: 'Add users table', revId: '1975ea83b712', now: NOW });
    expect(fs.readFile(child.path)).toBe(
      `/**
 * Add users table
 *
 * Revision ID: 1975ea83b712
 * Revises: 3f2a9c01d4e5
 * Create Date: 2026-11-25 10:00:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '1975ea83b712';
export const downRevision: string | string[] | null = '3f2a9c01d4e5';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {}
export async function downgrade(op: MigrationOps): Promise<void> {}
`,
    );
    expect(script().getRevision('1975ea83b712')!.downRevision).toBe('3f2a9c01d4e5');
    expect(script().getHeads()).toEqual(['1975ea83b712']);
  });

  it('makes a random 12-hex id and "empty message" when given neither', () => {
    const { fs, script } = setup();
    const result = revision(script(), fs, { now: NOW });
    expect(result.revision).toMatch(/^[0-9a-f]{12}$/);
    expect(result.path).toBe(`migrations/versions/${result.revision}_.ts`);
    expect(script().getRevision(result.revision)!.doc).toBe('empty message');
  });

  it('writes a blank message as "empty message", so the header lines never pass for the message', () => {
    const { fs, script } = setup();
    const result = revision(script(), fs, { message: '', revId: 'aaaa', now: NOW });
    expect(result.path).toBe('migrations/versions/aaaa_.ts');
    expect(fs.readFile(result.path)).toBe(expectedFile({ message: 'empty message', rev: 'aaaa' }));
    expect(script().getRevision('aaaa')!.doc).toBe('empty message');
  });

  it('renders upgrade and downgrade bodies indented', () => {
    const { fs, script } = setup();
    const result = revision(script(), fs, {
      message: 'bodies',
      revId: 'b0d1e5',
      now: NOW,
      upgradeBody: "await op.execute('SELECT 1');\nif (true) {\n  await op.execute('SELECT 2');\n}",
      downgradeBody: "    await op.execute('SELECT 3');",
    });
    expect(fs.readFile(result.path)).toBe(
      expectedFile({
        message: 'bodies',
        rev: 'b0d1e5',
        upgrade: "{\n  await op.execute('SELECT 1');\n  if (true) {\n    await op.execute('SELECT 2');\n  }\n}",
        downgrade: "{\n  await op.execute('SELECT 3');\n}",
      }),
    );
    expect(parseRevisionHeader(fs.readFile(result.path), result.path)!.revision).toBe('b0d1e5');
  });

  it('creates a branch point from a non-head with --splice', () => {
    const { fs, script } = setup();
    revision(script(), fs, { message: 'a', revId: 'aaaa', now: NOW });
    revision(script(), fs, { message: 'b', revId: 'bbbb', now: NOW });
    const result = revision(script(), fs, { message: 'Branch off a', revId: 'cccc', head: 'aaaa', splice: true, now: NOW });
    expect(result.path).toBe('migrations/versions/cccc_branch_off_a.ts');
    expect(fs.readFile(result.path)).toBe(expectedFile({ message: 'Branch off a', rev: 'cccc', down: 'aaaa' }));
    const fresh = script();
    expect([...fresh.getHeads()].sort()).toEqual(['bbbb', 'cccc']);
    expect(fresh.getRevision('aaaa')!.isBranchPoint).toBe(true);
  });

  it('starts a labelled branch from base in a second version location', () => {
    const locations = ['migrations/versions', 'migrations/networking'];
    const { fs, script } = setup(locations);
    revision(script(), fs, { message: 'main', revId: 'aaaa', versionPath: 'migrations/versions', now: NOW });
    const result = revision(script(), fs, {
      message: 'create networking branch',
      revId: 'n001',
      head: 'base',
      branchLabel: 'networking',
      versionPath: 'migrations/networking/',
      now: NOW,
    });
    expect(result.path).toBe('migrations/networking/n001_create_networking_branch.ts');
    expect(fs.readFile(result.path)).toBe(expectedFile({ message: 'create networking branch', rev: 'n001', labels: 'networking' }));
    // The next revision on the branch goes beside its parent without --version-path.
    const next = revision(script(), fs, { message: 'add hosts', revId: 'n002', head: 'networking@head', now: NOW });
    expect(next.path).toBe('migrations/networking/n002_add_hosts.ts');
    const fresh = script();
    expect([...fresh.getBases()].sort()).toEqual(['aaaa', 'n001']);
    expect(fresh.getRevision('networking@head')!.revision).toBe('n002');
    expect(fresh.getRevision('n002')!.downRevision).toBe('n001');
  });

  it('keeps a branch label in dependsOn and resolves a partial id to the full one', () => {
    const { fs, script } = setup();
    revision(script(), fs, { message: 'a', revId: 'aaaa1111', now: NOW });
    revision(script(), fs, { message: 'net', revId: 'nnnn2222', head: 'base', branchLabel: 'networking', now: NOW });
    revision(script(), fs, { message: 'other', revId: 'oooo3333', head: 'base', now: NOW });
    const result = revision(script(), fs, {
      message: 'uses both',
      revId: 'dddd',
      head: 'aaaa1111',
      dependsOn: ['networking', 'oooo'],
      now: NOW,
    });
    expect(fs.readFile(result.path)).toBe(
      expectedFile({ message: 'uses both', rev: 'dddd', down: 'aaaa1111', deps: ['networking', 'oooo3333'] }),
    );
    expect(script().getRevision('dddd')!.resolvedDependencies).toEqual(['nnnn2222', 'oooo3333']);
  });

  it('follows a file template with date tokens and truncates long slugs at a word', () => {
    const { fs, script } = setup();
    const result = revision(script(), fs, {
      message: 'Add a column to the accounts table for the billing address, Ünïcode too',
      revId: 'f00d',
      now: NOW,
      fileTemplate: '%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s',
    });
    expect(result.path).toBe('migrations/versions/2026_11_25_1000-f00d_add_a_column_to_the_accounts_table_for_.ts');
    expect(script().getRevision('f00d')).not.toBeNull();
  });

  it("honours the directory's own script.ts.tmpl", () => {
    const { fs, script } = setup();
    fs.writeFile(
      'migrations/script.ts.tmpl',
      '/** ${message} */\n// custom `${notAPlaceholder}`\nexport const revision = ${revisionLiteral};\nexport const downRevision = ${downRevisionLiteral};\n' +
        'export const upgrade = async () => undefined;\nexport function downgrade() ${downgradeBody}\n',
    );
    const result = revision(script(), fs, { message: 'custom', revId: 'c0c0', now: NOW });
    expect(fs.readFile(result.path)).toBe(
      "/** custom */\n// custom `${notAPlaceholder}`\nexport const revision = 'c0c0';\nexport const downRevision = null;\n" +
        'export const upgrade = async () => undefined;\nexport function downgrade() {}\n',
    );
    fs.writeFile(
      'migrations/script.ts.tmpl',
      'export const revision = ${revisionLiteral};\nexport const downRevision = ${downRevisionLiteral};\n',
    );
    expect(() => revision(script(), fs, { revId: 'd0d0', now: NOW })).toThrow(
      'The revision template migrations/script.ts.tmpl makes a file without upgrade, downgrade; every revision exports upgrade and downgrade',
    );
  });

  describe('refuses, in one line, without writing', () => {
    function twoHeads() {
      const env = setup();
      revision(env.script(), env.fs, { message: 'a', revId: 'aaaa', now: NOW });
      revision(env.script(), env.fs, { message: 'b', revId: 'bbbb', head: 'base', now: NOW });
      return env;
    }

    it('several heads and no --head', () => {
      const { fs, script } = twoHeads();
      expectRefused(
        fs,
        () => revision(script(), fs, { message: 'x', revId: 'xxxx', now: NOW }),
        'Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.',
      );
    });

    it('an unknown parent', () => {
      const { fs, script } = twoHeads();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'xxxx', head: 'zzzz9999', now: NOW }),
        "Can't locate revision identified by 'zzzz9999'",
      );
    });

    it('a parent that is not a head, without --splice', () => {
      const { fs, script } = setup();
      revision(script(), fs, { revId: 'aaaa', now: NOW });
      revision(script(), fs, { revId: 'bbbb', now: NOW });
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'cccc', head: 'aaaa', now: NOW }),
        'Revision aaaa is not a head revision; please specify --splice to create a new branch from this revision',
      );
    });

    it('a duplicate --rev-id', () => {
      const { fs, script } = twoHeads();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'aaaa', head: 'bbbb', now: NOW }),
        'Revision aaaa already exists in migrations/versions/aaaa_a.ts; choose another --rev-id',
      );
    });

    it('a --rev-id with an illegal character', () => {
      const { fs, script } = setup();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'ab-c@d', now: NOW }),
        "Character(s) '-, @' not allowed in revision identifier 'ab-c@d'",
      );
    });

    it('a --rev-id longer than the version table holds (32 characters by default)', () => {
      const { fs, script } = setup();
      const long = 'a'.repeat(33);
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: long, now: NOW }),
        `Revision id '${long}' is 33 characters, but the version table's version_num column holds 32; choose a --rev-id of at most 32 characters`,
      );
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'abcdefghij', maxRevisionIdLength: 8, now: NOW }),
        "Revision id 'abcdefghij' is 10 characters, but the version table's version_num column holds 8; choose a --rev-id of at most 8 characters",
      );
      expect(revision(script(), fs, { revId: 'a'.repeat(32), now: NOW }).revision).toBe('a'.repeat(32));
    });

    it('a branch label already in use', () => {
      const { fs, script } = setup();
      revision(script(), fs, { revId: 'aaaa', branchLabel: 'main', now: NOW });
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'bbbb', head: 'base', branchLabel: 'main', now: NOW }),
        "Branch name 'main' in revision bbbb already used by revision aaaa",
      );
    });

    it('a dependency that does not exist', () => {
      const { fs, script } = setup();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'bbbb', dependsOn: 'nowhere', now: NOW }),
        "Can't locate revision identified by 'nowhere'",
      );
    });

    it('a --version-path that is not a version location', () => {
      const { fs, script } = setup();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'bbbb', versionPath: 'elsewhere', now: NOW }),
        'Path elsewhere is not represented in current version locations; use one of: migrations/versions',
      );
    });

    it('a new base with several version locations and no --version-path', () => {
      const { fs, script } = setup(['migrations/versions', 'migrations/other']);
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'bbbb', now: NOW }),
        'Multiple version locations present, please specify --version-path',
      );
    });

    it('a file template with a sub-directory', () => {
      const { fs, script } = setup();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'bbbb', message: 'x', now: NOW, fileTemplate: '%(year)d/%(rev)s_%(slug)s' }),
        "File template '%(year)d/%(rev)s_%(slug)s' makes '2026/bbbb_x.ts', in a sub-directory of migrations/versions, where revisions are not read; remove the '/' from the file template",
      );
    });

    it('a custom template that drops branchLabels while a label is asked for', () => {
      const { fs, script } = setup();
      fs.writeFile(
        'migrations/script.ts.tmpl',
        'export const revision = ${revisionLiteral};\nexport const downRevision = ${downRevisionLiteral};\n',
      );
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'bbbb', branchLabel: 'lbl', now: NOW }),
        "Version bbbb specified branch_labels lbl, however the migration file migrations/versions/bbbb_.ts does not have them; have you upgraded your script.ts.tmpl to include the 'branchLabels' section?",
      );
    });

    it('a missing migrations directory', () => {
      const fs = new MemoryFileSystem();
      expectRefused(
        fs,
        () => revision(new ScriptDirectory({ directory: DIR, fs }), fs, { revId: 'aaaa' }),
        "Path doesn't exist: 'migrations'; run the 'init' command to create a migrations directory, or pass --directory",
      );
    });

    it('a migrations directory that is a file', () => {
      const fs = new MemoryFileSystem({ migrations: 'not a directory' });
      expectRefused(
        fs,
        () => revision(new ScriptDirectory({ directory: DIR, fs }), fs, { revId: 'aaaa' }),
        "'migrations' is a file, not a migrations directory; pass --directory the directory that holds versions/ (made by 'init')",
      );
    });
  });

  describe('multidb', () => {
    function multidb(): { fs: MemoryFileSystem; script: () => ScriptDirectory } {
      const fs = new MemoryFileSystem();
      init(fs, { directory: DIR, multidb: true });
      return { fs, script: () => new ScriptDirectory({ directory: DIR, fs }) };
    }

    it('writes one function pair per database, in order, each with its own body', () => {
      const { fs, script } = multidb();
      const created = revision(script(), fs, {
        revId: 'aaaa',
        message: 'two databases',
        now: NOW,
        databases: [
          {
            name: 'default',
            upgradeBody: "await op.execute('CREATE TABLE a (id int)');",
            downgradeBody: "await op.execute('DROP TABLE a');",
          },
          { name: 'analytics' },
        ],
      });
      expect(fs.readFile(created.path)).toBe(
        [
          '/**',
          ' * two databases',
          ' *',
          ' * Revision ID: aaaa',
          ' * Revises:',
          ` * Create Date: ${DATE}`,
          ' */',
          "import type { MigrationOps } from '@nest-migrate/migration';",
          '',
          "export const revision = 'aaaa';",
          'export const downRevision: string | string[] | null = null;',
          'export const branchLabels: string | string[] | null = null;',
          'export const dependsOn: string | string[] | null = null;',
          '',
          'export async function upgrade_default(op: MigrationOps): Promise<void> {',
          "  await op.execute('CREATE TABLE a (id int)');",
          '}',
          'export async function downgrade_default(op: MigrationOps): Promise<void> {',
          "  await op.execute('DROP TABLE a');",
          '}',
          '',
          'export async function upgrade_analytics(op: MigrationOps): Promise<void> {}',
          'export async function downgrade_analytics(op: MigrationOps): Promise<void> {}',
          '',
        ].join('\n'),
      );
      expect(created.script.revision).toBe('aaaa');
    });

    it('refuses a generic template when several databases are configured', () => {
      const { fs, script } = setup();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'aaaa', now: NOW, databases: [{ name: 'default' }, { name: 'analytics' }] }),
        "The revision template migrations/script.ts.tmpl has no ${each database} section, which a history of several databases (default, analytics) needs; start the directory with 'init --multidb' or copy that template's section",
      );
    });

    it('refuses a template whose section is nested, unclosed, or loses a function', () => {
      const { fs, script } = multidb();
      const template = fs.readFile('migrations/script.ts.tmpl');
      const databases = [{ name: 'default' }, { name: 'analytics' }];
      const cases: [string, string][] = [
        [template.replace('${each database}\n', '${each database}\n${each database}\n'), '(it has 2 and 1)'],
        [template.replace('${end}\n', ''), '(it has 1 and 0)'],
      ];
      for (const [text, counts] of cases) {
        fs.writeFile('migrations/script.ts.tmpl', text);
        expectRefused(
          fs,
          () => revision(script(), fs, { revId: 'aaaa', now: NOW, databases }),
          `The revision template migrations/script.ts.tmpl must have one \${each database} line and, after it, one \${end} line ${counts}`,
        );
      }
      fs.writeFile('migrations/script.ts.tmpl', template.replace(/^export async function downgrade_.*\n/m, ''));
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'aaaa', now: NOW, databases }),
        'The revision template migrations/script.ts.tmpl makes a file without downgrade_default, downgrade_analytics; ' +
          'every revision exports upgrade_<database> and downgrade_<database> for each database',
      );
    });

    it('refuses a multidb template when one database is configured', () => {
      const { fs, script } = multidb();
      expectRefused(
        fs,
        () => revision(script(), fs, { revId: 'aaaa', now: NOW }),
        "The revision template migrations/script.ts.tmpl is for several databases (it has an ${each database} section), but one database is configured; list the databases in MigrationModule's databases option",
      );
    });
  });
});
