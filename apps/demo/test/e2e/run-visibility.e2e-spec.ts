import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { runDemo, timesMasked } from './demo-cli';

// What an operator sees of a run, and can check after it, through the built demo in a
// non-terminal (CI-like) run: step times, --echo-sql, "already at", the applied log in
// history -i and current -v, and verify as a gate.

const VERSION = (JSON.parse(readFileSync(resolve(__dirname, '../../../../libs/migration/package.json'), 'utf8')) as { version: string })
  .version;
const A1 = 'a1a1a1a1a1a1';
const B2 = 'b2b2b2b2b2b2';
const A1_FILE = `migrations/versions/${A1}_create_accounts.ts`;

/** The checksum the applied log records: sha256 of the file with CRLF as LF (computed here on its own). */
const checksumOf = (path: string) => createHash('sha256').update(readFileSync(path, 'utf8').split('\r\n').join('\n')).digest('hex');

/** The log row's duration in an echoed INSERT varies: masked as <ms>. */
const durationMasked = (text: string) => text.replace(/, \d+, '(\d+\.\d+\.\d+)', /g, ", <ms>, '$1', ");

for (const dialect of dialectsUnderTest()) {
  describe(`what a run shows and what verify checks on ${dialect}`, () => {
    let cwd: string;
    let database: TestDatabase;
    const demo = (...args: string[]) => runDemo(cwd, database.url, ...args);
    const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
    const now = {
      sqlite: "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
      postgres: `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      mysql: "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')",
    }[dialect];

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-visibility-'));
      database = await createTestDatabase(dialect, 'run visibility');
      expect(demo('init').code).toBe(0);
      expect(demo('revision', '-m', 'create accounts', '--rev-id', A1).code).toBe(0);
      expect(demo('revision', '-m', 'add flags', '--rev-id', B2).code).toBe(0);
      const file = join(cwd, A1_FILE);
      writeFileSync(
        file,
        readFileSync(file, 'utf8')
          .replace(
            'upgrade(op: MigrationOps): Promise<void> {}',
            "upgrade(op: MigrationOps): Promise<void> {\n  await op.execute('CREATE TABLE accounts (id INTEGER PRIMARY KEY)');\n}",
          )
          .replace(
            'downgrade(op: MigrationOps): Promise<void> {}',
            "downgrade(op: MigrationOps): Promise<void> {\n  await op.execute('DROP TABLE accounts');\n}",
          ),
      );
    });

    afterAll(async () => {
      await database?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    it('--echo-sql prints each statement of the step as it runs, between the step line and its end', () => {
      const run = timesMasked(demo('upgrade', A1, '--echo-sql'));
      expect([run.code, run.stdout]).toEqual([0, '']);
      const lines = durationMasked(run.stderr).split('\n');
      const step = lines.slice(
        lines.indexOf(`Running upgrade  -> ${A1}, create accounts`),
        lines.findIndex((l) => l.startsWith('Finished')) + 1,
      );
      const columns = ['id', 'revision', 'direction', 'step', 'applied_at', 'duration_ms', 'tool_version', 'checksum'].map(q).join(', ');
      const versionRow = `INSERT INTO ${q('migration_version')} (${q('version_num')}) VALUES ('${A1}');`;
      const logRow =
        `INSERT INTO ${q('migration_version_log')} (${columns}) SELECT COALESCE(MAX(${q('id')}), 0) + 1, '${A1}', 'upgrade', 'upgrade  -> ${A1}', ` +
        `${now}, <ms>, '${VERSION}', '${checksumOf(join(cwd, A1_FILE))}' FROM ${q('migration_version_log')};`;
      const create = 'CREATE TABLE accounts (id INTEGER PRIMARY KEY);';
      expect(step).toEqual([
        `Running upgrade  -> ${A1}, create accounts`,
        // MySQL: DDL commits at once, so the statement is journaled, and the version row, the
        // log row and the journal's end commit together after it.
        ...(dialect === 'mysql'
          ? [
              `INSERT INTO \`migration_version_journal\` (\`seq\`, \`revision\`, \`step\`, \`heads_after\`, \`statement\`, \`done\`) VALUES (1, '${A1}', 'upgrade  -> ${A1}', '${A1}', 'CREATE TABLE accounts (id INTEGER PRIMARY KEY)', 0);`,
              create,
              'UPDATE `migration_version_journal` SET `done` = 1 WHERE `seq` = 1;',
              'COMMIT;',
              'START TRANSACTION;',
              versionRow,
              logRow,
              'DELETE FROM `migration_version_journal`;',
              'COMMIT;',
            ]
          : [create, versionRow, logRow]),
        `Finished upgrade  -> ${A1}, create accounts (<t> s)`,
      ]);
      // Before the step, the reads under the lock: the version table is looked up first.
      expect(lines[0]).not.toBe(`Running upgrade  -> ${A1}, create accounts`);
    });

    it('without --echo-sql each step is one line with its time; a run with nothing to do says so', () => {
      expect(timesMasked(demo('upgrade'))).toEqual({ code: 0, stdout: '', stderr: `Running upgrade ${A1} -> ${B2}, add flags (<t> s)\n` });
      expect(demo('upgrade')).toEqual({ code: 0, stdout: '', stderr: `Database is already at head (${B2})\n` });
      expect(demo('upgrade', '-q')).toEqual({ code: 0, stdout: '', stderr: '' });
    });

    it('history -i and current -v show when each revision ran', () => {
      expect(timesMasked(demo('history', '-i'))).toEqual({
        code: 0,
        stderr: '',
        stdout: `${A1} -> ${B2} (head) (current), add flags (applied <when> in <t> s)\n<base> -> ${A1}, create accounts (applied <when> in <t> s)\n`,
      });
      const verbose = timesMasked(demo('current', '-v'));
      expect(verbose.code).toBe(0);
      expect(verbose.stdout).toContain(
        `Rev: ${B2} (head)\nParent: ${A1}\nPath: migrations/versions/${B2}_add_flags.ts\nApplied: <when> in <t> s\n`,
      );
      const json = JSON.parse(demo('current', '--json').stdout) as {
        applied: { revision: string; entry: { id: number; direction: string; toolVersion: string } }[];
      };
      expect(json.applied.map((a) => [a.revision, a.entry.id, a.entry.direction, a.entry.toolVersion])).toEqual([
        [B2, 2, 'upgrade', VERSION],
        [A1, 1, 'upgrade', VERSION],
      ]);
    });

    it('verify passes on an untouched history, and fails naming an applied file edited since it ran', () => {
      expect(demo('verify')).toEqual({ code: 0, stdout: 'Verified 2 applied revisions: 2 unchanged since they ran; 1 head\n', stderr: '' });
      const file = join(cwd, A1_FILE);
      const original = readFileSync(file, 'utf8');
      const recorded = checksumOf(file);
      writeFileSync(file, original.replace('INTEGER PRIMARY KEY', 'BIGINT PRIMARY KEY'));
      try {
        const edited = checksumOf(file);
        expect(timesMasked(demo('verify'))).toEqual({
          code: 1,
          stdout: 'Verified 2 applied revisions: 1 unchanged since they ran, 1 changed; 1 head\n',
          stderr:
            `FAILED: verify found 1 problem: revision ${A1} (${A1_FILE}) changed since it ran on <when> ` +
            `(checksum then ${recorded.slice(0, 12)}, now ${edited.slice(0, 12)}); restore the file as it ran (git log -p shows it) and put the change in a new revision\n`,
        });
        const json = JSON.parse(demo('verify', '--json').stdout) as {
          revisions: { revision: string; status: string; recordedChecksum: string; fileChecksum: string }[];
          heads: string[];
        };
        expect(json.revisions.map((r) => [r.revision, r.status, r.recordedChecksum === recorded, r.fileChecksum === edited])).toEqual([
          [B2, 'ok', false, false],
          [A1, 'changed', true, true],
        ]);
        expect(json.heads).toEqual([B2]);
      } finally {
        writeFileSync(file, original);
      }
      expect(demo('verify').code).toBe(0);
    });

    it('verify fails on a second head unless allowed, and downgrade -v echoes its statements', () => {
      expect(demo('revision', '-m', 'side', '--rev-id', 'c3c3c3c3c3c3', '--head', A1, '--splice').code).toBe(0);
      expect(demo('verify')).toEqual({
        code: 1,
        stdout: 'Verified 2 applied revisions: 2 unchanged since they ran; 2 heads\n',
        stderr: `FAILED: verify found 1 problem: the history has more than one head (${B2}, c3c3c3c3c3c3); merge them with 'merge heads', or pass --allow-multiple-heads\n`,
      });
      expect(demo('verify', '--allow-multiple-heads').code).toBe(0);
      rmSync(join(cwd, 'migrations/versions/c3c3c3c3c3c3_side.ts'));

      const down = timesMasked(demo('downgrade', 'base', '-v'));
      expect(down.code).toBe(0);
      const lines = down.stderr.split('\n');
      const start = lines.indexOf(`Running downgrade ${A1} -> , create accounts`);
      const end = lines.indexOf(`Finished downgrade ${A1} -> , create accounts (<t> s)`);
      expect([start >= 0, end > start]).toEqual([true, true]);
      expect(lines.slice(start, end)).toContain('DROP TABLE accounts;');
    });
  });
}
