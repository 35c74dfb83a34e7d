import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { revisionFile } from '../../../../libs/migration/test/support/revision-file';
import { MAIN, runDemo, timesMasked } from './demo-cli';

// A revision that forgets an `await`, as a user meets it through the CLI: one FAILED line and
// exit code 1, never Node's raw stack, and no revision recorded that did not fully run.

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
});

for (const dialect of dialectsUnderTest()) {
  describe(`a revision that does not await its ops, through the CLI on ${dialect}`, () => {
    let cwd: string;
    let database: TestDatabase;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-unawaited-e2e-'));
      database = await createTestDatabase(dialect, 'unawaited cli');
    });

    afterAll(() => {
      rmSync(cwd, { recursive: true, force: true });
    });

    /** A migrations directory of its own holding one revision. */
    function directoryWith(name: string, body: string[]): { directory: string; file: string } {
      const directory = join(cwd, name);
      mkdirSync(join(directory, 'versions'), { recursive: true });
      const file = join(directory, 'versions', 'ee01_revision.ts');
      writeFileSync(file, revisionFile('ee01', null, body));
      return { directory, file };
    }

    const lineOf = (file: string, text: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((line) => line.includes(text)) + 1;

    it('fails with one line naming the call and its line, and records nothing', () => {
      const { directory, file } = directoryWith('unawaited', [
        "await op.execute('CREATE TABLE td (id INTEGER)');",
        "op.execute('INSERT INTO no_such_table VALUES (1)');",
      ]);
      const run = runDemo(cwd, database.url, 'upgrade', '--directory', directory);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const [progress, failed, ...rest] = run.stderr.split('\n');
      expect([progress, rest]).toEqual(['Running upgrade  -> ee01, ee01', ['']]);
      expect(
        failed.startsWith(
          `FAILED: revision ee01 (${file}) failed in upgrade: op.execute(...) (${file}:${lineOf(file, 'no_such_table')}) was not awaited, and it failed: `,
        ),
      ).toBe(true);
      const after = runDemo(cwd, database.url, 'current', '--directory', directory);
      if (dialect === 'mysql') {
        // MySQL kept the CREATE TABLE: current prints the journal's report and exits 1.
        expect(after.code).toBe(1);
        expect(after.stdout).toBe(
          [
            'Interrupted: a run stopped half-way through revision ee01 (upgrade  -> ee01).',
            '  Statements that ran and stay applied:',
            '    (1) CREATE TABLE td (id INTEGER)',
            '  The version table records no revision. To go on, either:',
            "    - finish the revision by hand, then run 'stamp ee01'; or",
            "    - undo the statements that ran, then run 'stamp base' and run the command again.",
            '',
          ].join('\n'),
        );
        expect(after.stderr.startsWith('FAILED: an earlier run stopped half-way through revision ee01 (upgrade  -> ee01): ')).toBe(true);
      } else {
        expect(after).toEqual({ code: 0, stdout: '', stderr: '' });
      }
    });

    if (dialect !== 'sqlite') return;

    it('an op called after its revision returned is one line naming it, not a stack', () => {
      const { directory, file } = directoryWith('late', [
        "await op.execute('CREATE TABLE tl (id INTEGER)');",
        "setTimeout(() => void op.execute('INSERT INTO tl VALUES (1)'), 0);",
      ]);
      // The step itself ended (with its time); the late call fails the command after it.
      const run = timesMasked(runDemo(cwd, database.url, 'upgrade', '--directory', directory));
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'Running upgrade  -> ee01, ee01 (<t> s)\n' +
          `FAILED: a promise nothing awaited was rejected: op.execute(...) (${file}:${lineOf(file, 'setTimeout')}) was called after ` +
          `upgrade() of ${file} had returned, so it did not run; await every op call inside the revision\n`,
      });
    });
  });
}
