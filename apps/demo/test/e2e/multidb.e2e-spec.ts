import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { DemoRun, MAIN, timesMasked } from './demo-cli';

// The demo with ANALYTICS_DATABASE_URL set: one history, made with `init --multidb`, migrates
// the app's database (each dialect) and a SQLite analytics database, as a user would run it.
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

describe('list-templates', () => {
  it('lists the built-in templates without touching a database', () => {
    const result = spawnSync(process.execPath, [MAIN, 'list-templates'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'Available templates:',
        '',
        'generic - One database.',
        'multidb - Several databases managed by one history (MigrationModule databases option).',
        '',
        "Templates are used via the 'init' command, e.g.:",
        '',
        '  init --template generic --directory migrations',
        '',
        'A directory holding a script.ts.tmpl (and any other files to copy) is a template too: init --template <path>',
        '',
      ].join('\n'),
    );
  });
});

for (const dialect of dialectsUnderTest()) {
  describe(`multidb: ${dialect} (default) + sqlite (analytics)`, () => {
    let cwd: string;
    let database: TestDatabase;
    let analyticsUrl: string;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-multidb-e2e-'));
      // Generated revisions import helpers from @nest-migrate/migration, as in a user's project.
      symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
      database = await createTestDatabase(dialect, 'demo multidb');
      analyticsUrl = `sqlite:${join(cwd, 'analytics.db')}`;
    });

    afterAll(async () => {
      await database?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    /** The demo with both databases, or with `analytics` overriding ANALYTICS_DATABASE_URL ('' turns multidb off). */
    function demoWith(analytics: string, ...args: string[]): DemoRun {
      const result = spawnSync(process.execPath, [MAIN, ...args], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: database.url, ANALYTICS_DATABASE_URL: analytics, NO_COLOR: '1' },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    const demo = (...args: string[]) => demoWith(analyticsUrl, ...args);

    const revisionFile = (name: string) => join(cwd, 'migrations/versions', name);

    /** Puts statements into one database's upgrade and downgrade of a revision file. */
    function fillIn(file: string, database: string, upgrade: string, downgrade: string): void {
      const text = readFileSync(file, 'utf8');
      const up = `export async function upgrade_${database}(op: MigrationOps): Promise<void> {}`;
      const down = `export async function downgrade_${database}(op: MigrationOps): Promise<void> {}`;
      expect(text).toContain(up);
      writeFileSync(
        file,
        text
          .replace(up, `export async function upgrade_${database}(op: MigrationOps): Promise<void> {\n  ${upgrade}\n}`)
          .replace(down, `export async function downgrade_${database}(op: MigrationOps): Promise<void> {\n  ${downgrade}\n}`),
      );
    }

    it('init --multidb writes the multidb template', () => {
      expect(demo('init', '--multidb')).toEqual({
        code: 0,
        stderr: '',
        stdout: [
          'Creating directory migrations ...  done',
          'Creating directory migrations/versions ...  done',
          'Generating migrations/README ...  done',
          'Generating migrations/script.ts.tmpl ...  done',
          '',
        ].join('\n'),
      });
    });

    it('an unreachable analytics database is one line naming it, without the password', () => {
      // upgrade, which may create the default SQLite file; current would stop at its absence first.
      expect(demoWith('postgres://u:secret@127.0.0.1:1/none', 'upgrade')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'FAILED: database analytics: could not connect to postgres at 127.0.0.1:1/none: connection refused\n',
      });
    });

    it("migrate writes one revision creating each database's own tables, and upgrade applies it to both", () => {
      expect(demo('migrate', '-m', 'initial', '--rev-id', 'aaaa00000001')).toEqual({
        code: 0,
        stderr: '',
        stdout: 'Generating migrations/versions/aaaa00000001_initial.ts ...  done\n',
      });
      const text = readFileSync(revisionFile('aaaa00000001_initial.ts'), 'utf8');
      const [defaultPart, analyticsPart] = text.split('export async function upgrade_analytics');
      expect(defaultPart).toContain("await op.createTable('users'");
      expect(defaultPart).not.toContain('page_views');
      expect(analyticsPart).toContain("await op.createTable('page_views'");
      expect(analyticsPart).not.toContain("'users'");

      expect(timesMasked(demo('upgrade'))).toEqual({
        code: 0,
        stdout: '',
        stderr: [
          'Migrating database default',
          'Running upgrade  -> aaaa00000001, initial (<t> s)',
          'Migrating database analytics',
          'Running upgrade  -> aaaa00000001, initial (<t> s)',
          '',
        ].join('\n'),
      });
      expect(demo('current')).toEqual({ code: 0, stderr: '', stdout: 'default: aaaa00000001 (head)\nanalytics: aaaa00000001 (head)\n' });
      expect(demo('check')).toEqual({ code: 0, stdout: '', stderr: 'No new upgrade operations detected.\n' });
      expect(demo('migrate', '-m', 'nothing')).toEqual({ code: 0, stdout: '', stderr: 'No changes in schema detected.\n' });
    });

    it('a hand-written revision touching only analytics; --sql has one section per database', () => {
      expect(demo('revision', '-m', 'add referrer', '--rev-id', 'bbbb00000002').code).toBe(0);
      fillIn(
        revisionFile('bbbb00000002_add_referrer.ts'),
        'analytics',
        "await op.addColumn('page_views', { name: 'referrer', type: 'varchar(200)', nullable: true });",
        "await op.dropColumn('page_views', 'referrer');",
      );
      const sql = demo('upgrade', '--sql', 'aaaa00000001:bbbb00000002');
      expect(sql.code).toBe(0);
      expect(sql.stdout.split('\n').filter((line) => line.startsWith('-- '))).toEqual([
        '-- Database: default',
        '-- Running upgrade aaaa00000001 -> bbbb00000002',
        '-- Database: analytics',
        '-- Running upgrade aaaa00000001 -> bbbb00000002',
      ]);
      const [defaultSection, analyticsSection] = sql.stdout.split('-- Database: analytics');
      expect(defaultSection).not.toContain('referrer');
      expect(analyticsSection).toContain('ALTER TABLE "page_views" ADD COLUMN "referrer" VARCHAR(200)');

      expect(demo('upgrade', '-q')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(demo('current').stdout).toBe('default: bbbb00000002 (head)\nanalytics: bbbb00000002 (head)\n');
    });

    it('a failing step in analytics is reported with the state each version table is left in', () => {
      expect(demo('revision', '-m', 'broken', '--rev-id', 'cccc00000003').code).toBe(0);
      const file = revisionFile('cccc00000003_broken.ts');
      fillIn(file, 'default', "await op.execute('CREATE TABLE audit (id INTEGER PRIMARY KEY)');", "await op.execute('DROP TABLE audit');");
      fillIn(file, 'analytics', "await op.execute('SELECT * FROM missing_table');", '');

      const run = demo('upgrade');
      expect(run.code).toBe(1);
      // MySQL/MariaDB commit each revision (their DDL commits anyway): the default step stays.
      const defaultState = dialect === 'mysql' ? 'default at cccc00000003 (was bbbb00000002)' : 'default at bbbb00000002 (unchanged)';
      expect(run.stderr.split('\n').slice(-2)).toEqual([
        `FAILED: database analytics failed: revision cccc00000003 (migrations/versions/cccc00000003_broken.ts) failed in upgrade: ` +
          `no such table: missing_table; version tables now record: ${defaultState}, analytics at bbbb00000002 (unchanged)`,
        '',
      ]);
      const expectedDefault = dialect === 'mysql' ? 'cccc00000003 (head)' : 'bbbb00000002';
      expect(demo('current').stdout).toBe(`default: ${expectedDefault}\nanalytics: bbbb00000002\n`);
      rmSync(file);
      if (dialect === 'mysql') {
        // The revision file is gone; put the recorded state back where the history can reach it.
        expect(demo('stamp', '--purge', 'bbbb00000002', '-q').code).toBe(0);
        expect(demo('current').stdout).toBe('default: bbbb00000002 (head)\nanalytics: bbbb00000002 (head)\n');
      }
    });

    it('--sql writes nothing when a revision cannot run in a later database', () => {
      expect(demo('revision', '-m', 'default only', '--rev-id', 'dddd00000004').code).toBe(0);
      const file = revisionFile('dddd00000004_default_only.ts');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^export async function (up|down)grade_analytics.*\n/gm, ''));
      expect(demo('upgrade', '--sql', 'bbbb00000002:dddd00000004')).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'Running upgrade bbbb00000002 -> dddd00000004, default only\n' +
          `FAILED: database analytics: revision file migrations/versions/dddd00000004_default_only.ts does not export a function ` +
          'upgrade_analytics(op) or a function downgrade_analytics(op); export async function upgrade_analytics(op: MigrationOps) ' +
          'and downgrade_analytics(op: MigrationOps)\n',
      });
      rmSync(file);
    });

    it('the app configured for one database refuses the multidb directory, even for stamp, and changes nothing', () => {
      expect(demoWith('', 'stamp', 'base')).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'FAILED: The revision template migrations/script.ts.tmpl is for several databases (it has an ${each database} section), ' +
          "but one database is configured; list the databases in MigrationModule's databases option\n",
      });
      expect(demo('current').stdout).toBe('default: bbbb00000002 (head)\nanalytics: bbbb00000002 (head)\n');
    });

    it('downgrade, stamp and current act on both databases', () => {
      expect(timesMasked(demo('downgrade', 'aaaa00000001'))).toEqual({
        code: 0,
        stdout: '',
        stderr: [
          'Migrating database default',
          'Running downgrade bbbb00000002 -> aaaa00000001, add referrer (<t> s)',
          'Migrating database analytics',
          'Running downgrade bbbb00000002 -> aaaa00000001, add referrer (<t> s)',
          '',
        ].join('\n'),
      });
      expect(demo('downgrade', 'base', '-q').code).toBe(0);
      expect(demo('current')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(demo('stamp', 'head', '-q').code).toBe(0);
      expect(demo('current').stdout).toBe('default: bbbb00000002 (head)\nanalytics: bbbb00000002 (head)\n');
      expect(JSON.parse(demo('current', '--json').stdout).map((db: { name: string; heads: string[] }) => [db.name, db.heads])).toEqual([
        ['default', ['bbbb00000002']],
        ['analytics', ['bbbb00000002']],
      ]);
    });
  });
}
