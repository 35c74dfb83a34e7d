import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { runDemo, timesMasked } from './demo-cli';

// A user's first session with the CLI, in an empty directory: init, two revisions (one edited
// to create a table), upgrade, current, downgrade, stamp, history.

for (const dialect of dialectsUnderTest()) {
  describe(`CLI workflow on ${dialect}`, () => {
    let cwd: string;
    let database: TestDatabase;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-workflow-'));
      database = await createTestDatabase(dialect, 'cli workflow');
    });

    afterAll(async () => {
      await database?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    const demo = (...args: string[]) => runDemo(cwd, database.url, ...args);

    it('init creates the migrations directory', () => {
      expect(demo('init')).toEqual({
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
      expect(demo('init')).toEqual({ code: 1, stdout: '', stderr: 'FAILED: Directory migrations already exists and is not empty\n' });
    });

    it('revision writes revision files; a user fills one in', () => {
      expect(demo('revision', '-m', 'create accounts', '--rev-id', 'a1a1a1a1a1a1')).toEqual({
        code: 0,
        stderr: '',
        stdout: 'Generating migrations/versions/a1a1a1a1a1a1_create_accounts.ts ...  done\n',
      });
      const file = join(cwd, 'migrations/versions/a1a1a1a1a1a1_create_accounts.ts');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('export const downRevision: string | string[] | null = null;\n');
      writeFileSync(
        file,
        text
          .replace(
            'export async function upgrade(op: MigrationOps): Promise<void> {}',
            "export async function upgrade(op: MigrationOps): Promise<void> {\n  await op.execute('CREATE TABLE accounts (id INTEGER PRIMARY KEY)');\n}",
          )
          .replace(
            'export async function downgrade(op: MigrationOps): Promise<void> {}',
            "export async function downgrade(op: MigrationOps): Promise<void> {\n  await op.execute('DROP TABLE accounts');\n}",
          ),
      );
      expect(demo('revision', '-m', 'add flags', '--rev-id', 'b2b2b2b2b2b2').stdout).toBe(
        'Generating migrations/versions/b2b2b2b2b2b2_add_flags.ts ...  done\n',
      );
    });

    it('upgrade, current, downgrade, stamp and history', () => {
      // Each step's line ends with its time (masked here: it varies).
      expect(timesMasked(demo('upgrade'))).toEqual({
        code: 0,
        stdout: '',
        stderr:
          'Running upgrade  -> a1a1a1a1a1a1, create accounts (<t> s)\nRunning upgrade a1a1a1a1a1a1 -> b2b2b2b2b2b2, add flags (<t> s)\n',
      });
      expect(demo('upgrade')).toEqual({ code: 0, stdout: '', stderr: 'Database is already at head (b2b2b2b2b2b2)\n' });
      expect(demo('current')).toEqual({ code: 0, stdout: 'b2b2b2b2b2b2 (head)\n', stderr: '' });
      expect(timesMasked(demo('downgrade', '-1'))).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Running downgrade b2b2b2b2b2b2 -> a1a1a1a1a1a1, add flags (<t> s)\n',
      });
      expect(demo('current').stdout).toBe('a1a1a1a1a1a1\n');
      expect(timesMasked(demo('downgrade', 'base')).stderr).toBe('Running downgrade a1a1a1a1a1a1 -> , create accounts (<t> s)\n');
      expect(timesMasked(demo('stamp', 'head'))).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Running stamp_revision  -> b2b2b2b2b2b2 (<t> s)\n',
      });
      // When each applied revision ran, from the applied log: a stamp ran no file; a1a1's last row is its downgrade, so unknown.
      expect(timesMasked(demo('history', '-i'))).toEqual({
        code: 0,
        stderr: '',
        stdout:
          'a1a1a1a1a1a1 -> b2b2b2b2b2b2 (head) (current), add flags (applied <when> (stamped))\n<base> -> a1a1a1a1a1a1, create accounts (applied unknown)\n',
      });
    });
  });
}
