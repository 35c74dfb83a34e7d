import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { runDemo, timesMasked } from './demo-cli';

// The database commands of the built demo, run as a user would from a fresh directory
// holding a copy of the demo's migrations, on each dialect.
const MIGRATIONS = resolve(__dirname, '../../migrations');
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

// Each line ends with the step's time, masked (timesMasked).
const UPGRADE_LOG = [
  'Running upgrade  -> 3f2a9c01d4e5, Create users table (<t> s)',
  'Running upgrade 3f2a9c01d4e5 -> 1975ea83b712, Create posts table (<t> s)',
  'Running upgrade 1975ea83b712 -> 5e6f7a8b9c0d, Add user names (<t> s)',
  'Running upgrade 1975ea83b712 -> 8c1d2e3f4a5b, Create tags tables (<t> s)',
  'Running upgrade 8c1d2e3f4a5b, 5e6f7a8b9c0d -> 9a0b1c2d3e4f, Merge tags and user names (<t> s)',
  '',
].join('\n');

for (const dialect of dialectsUnderTest()) {
  describe(`demo migration commands on ${dialect}`, () => {
    let cwd: string;
    let database: TestDatabase;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-commands-e2e-'));
      cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
      // The revisions import helpers from @nest-migrate/migration, as in a user's project.
      symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
      database = await createTestDatabase(dialect, 'demo commands');
    });

    afterAll(async () => {
      await database?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    const demo = (...args: string[]) => runDemo(cwd, database.url, ...args);

    it('upgrade runs every revision once and current shows the head', () => {
      expect(timesMasked(demo('upgrade'))).toEqual({ code: 0, stdout: '', stderr: UPGRADE_LOG });
      expect(demo('current')).toEqual({ code: 0, stdout: '9a0b1c2d3e4f (head) (mergepoint)\n', stderr: '' });
      expect(demo('current', '--check-heads').code).toBe(0);
      expect(demo('upgrade')).toEqual({ code: 0, stdout: '', stderr: 'Database is already at head (9a0b1c2d3e4f)\n' });
    });

    it('check after upgrade finds the history and the entities in agreement', () => {
      expect(demo('check')).toEqual({ code: 0, stdout: '', stderr: 'No new upgrade operations detected.\n' });
    });

    it('downgrade -1 from a merge point is ambiguous, a named target is not', () => {
      expect(demo('downgrade', '-1')).toEqual({ code: 1, stdout: '', stderr: 'FAILED: Ambiguous walk\n' });
      expect(timesMasked(demo('downgrade', '5e6f'))).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Running downgrade 9a0b1c2d3e4f -> 8c1d2e3f4a5b, 5e6f7a8b9c0d, Merge tags and user names (<t> s)\n',
      });
      expect(demo('current').stdout).toBe('5e6f7a8b9c0d\n8c1d2e3f4a5b\n');
      expect(demo('current', '--check-heads')).toEqual({
        code: 1,
        stdout: '',
        stderr:
          "FAILED: Database is not on all head revisions: 9a0b1c2d3e4f not applied (current: 5e6f7a8b9c0d, 8c1d2e3f4a5b); run 'upgrade heads'\n",
      });
    });

    it('downgrade base, stamp and upgrade again', () => {
      expect(demo('downgrade', 'base').code).toBe(0);
      expect(demo('current')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(timesMasked(demo('stamp', '1975ea83b712'))).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Running stamp_revision  -> 1975ea83b712 (<t> s)\n',
      });
      expect(demo('stamp', 'base').code).toBe(0);
      expect(timesMasked(demo('upgrade', 'heads')).stderr).toBe(UPGRADE_LOG);
    });

    it('current names the database revisions in show and history, as in Alembic', () => {
      expect(demo('stamp', '--purge', '9a0b1c2d3e4f').code).toBe(0);
      const shown = demo('show', 'current');
      expect(shown.stdout).toMatch(/^Rev: 9a0b1c2d3e4f \(head\) \(mergepoint\)\n/);
      expect(shown).toEqual(demo('show', '9a0b1c2d3e4f'));
      expect(demo('history', '-r', 'current:')).toEqual({
        code: 0,
        stdout: '8c1d2e3f4a5b, 5e6f7a8b9c0d -> 9a0b1c2d3e4f (tags) (head) (mergepoint), Merge tags and user names\n',
        stderr: '',
      });
      expect(demo('history', '-r', ':current')).toEqual(demo('history'));
    });

    it('refuses a stamp the version table cannot take before printing or changing anything', () => {
      expect(demo('stamp', '5e6f7a8b9c0d', '3f2a9c01d4e5')).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'FAILED: Cannot stamp 5e6f7a8b9c0d 3f2a9c01d4e5: the version table (9a0b1c2d3e4f) cannot take step 9a0b1c2d3e4f -> 3f2a9c01d4e5: ' +
          'Revision 9a0b1c2d3e4f is not in the version table; stamp the revisions one at a time\n',
      });
      expect(demo('current').stdout).toBe('9a0b1c2d3e4f (head) (mergepoint)\n');
      expect(demo('stamp', '--sql', '9a0b1c2d3e4f:5e6f7a8b9c0d', '9a0b1c2d3e4f:3f2a9c01d4e5')).toMatchObject({ code: 1, stdout: '' });
    });

    it('check runs verify too: an applied revision file edited since it ran fails it, in one line', () => {
      const file = join(cwd, 'migrations/versions/3f2a9c01d4e5_create_users_table.ts');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, `${original}// edited after it ran\n`);
      try {
        const run = timesMasked(demo('check'));
        expect(run).toEqual({
          code: 1,
          stdout: '',
          stderr: expect.stringMatching(
            /^FAILED: verify found 1 problem: revision 3f2a9c01d4e5 \(migrations\/versions\/3f2a9c01d4e5_create_users_table\.ts\) changed since it ran on <when> \(checksum then [0-9a-f]{12}, now [0-9a-f]{12}\); restore the file as it ran \(git log -p shows it\) and put the change in a new revision\n$/,
          ),
        });
      } finally {
        writeFileSync(file, original);
      }
      expect(demo('check')).toEqual({ code: 0, stdout: '', stderr: 'No new upgrade operations detected.\n' });
    });

    it('upgrade --sql prints the script without connecting', () => {
      const offline = runDemo(cwd, database.url.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:1'), 'upgrade', 'base:3f2a', '--sql');
      expect(offline.code).toBe(0);
      // On MySQL each statement is recorded in the run journal first, and the version row ends the
      // journal in one transaction. On SQLite the transaction ends with its foreign-key check and
      // turns foreign keys back on after COMMIT.
      const journaled = dialect === 'mysql' ? 'INSERT INTO .migration_version_journal. [\\s\\S]*?, 0\\);\n\n' : '';
      expect(offline.stdout).toMatch(new RegExp(`-- Running upgrade {2}-> 3f2a9c01d4e5\n\n${journaled}CREATE TABLE .users. \\(`));
      const end =
        dialect === 'mysql'
          ? 'DELETE FROM .migration_version_journal.;\n\nCOMMIT;\n\n'
          : '(INSERT INTO temp\\.nest_migrate_fk_check [^\n]*;\n\nDROP TABLE temp\\.nest_migrate_fk_check;\n\n)?(COMMIT;\n\n)?(PRAGMA foreign_keys = ON;\n\n)?';
      // The applied log's row follows the version row, in its transaction.
      const logged = "INSERT INTO .migration_version_log. [^\n]* 'upgrade', 'upgrade  -> 3f2a9c01d4e5', [^\n]*;\n\n";
      expect(offline.stdout).toMatch(
        new RegExp(`INSERT INTO .migration_version. \\(.version_num.\\) VALUES \\('3f2a9c01d4e5'\\);\n\n${logged}${end}$`),
      );
    });
  });
}

describe('demo migration commands with the database server down', () => {
  it('fail with one line naming the server, never the password', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-down-e2e-'));
    try {
      cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
      expect(runDemo(cwd, 'postgres://app:s3cret@127.0.0.1:1/shop', 'upgrade')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'FAILED: could not connect to postgres at 127.0.0.1:1/shop: connection refused\n',
      });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
