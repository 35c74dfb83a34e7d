import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { current } from '../../src/commands/current';
import { stamp } from '../../src/commands/stamp';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { RevisionFailedError } from '../../src/runtime/migration-context';
import { InterruptedRunError } from '../../src/runtime/run-journal';
import { RevisionIdTooLongError } from '../../src/runtime/version-table';
import { recorder, withDataSource } from '../support/recording';
import { revisionFile } from '../support/revision-file';

/** The 1-based line of `text` in the revision file, as a failure names it. */
function lineOf(file: string, text: string): number {
  return (
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

/** The database's user tables (the version table and the journal left out), and the version rows. */
async function state(url: string): Promise<{ tables: string[]; versions: string[]; journal: number }> {
  return withDataSource(url, async (dataSource) => {
    const dialect = dataSource.options.type === 'postgres' ? 'postgres' : dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    const list = {
      sqlite: "SELECT name AS name FROM sqlite_master WHERE type = 'table'",
      postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
      mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    }[dialect];
    const names = ((await dataSource.query(list)) as { name: string }[]).map((t) => t.name);
    const versions = names.includes('migration_version')
      ? ((await dataSource.query('SELECT version_num FROM migration_version')) as { version_num: string }[])
          .map((r) => r.version_num)
          .sort()
      : [];
    const journal = names.includes('migration_version_journal')
      ? Number(((await dataSource.query('SELECT COUNT(*) AS n FROM migration_version_journal')) as { n: unknown }[])[0].n)
      : 0;
    return { tables: names.filter((name) => !name.startsWith('migration_version')).sort(), versions, journal };
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the command to fail');
    },
    (error: Error) => error,
  );
}

for (const dialect of dialectsUnderTest()) {
  describe(`failed revisions on ${dialect}`, () => {
    let dir: string;

    /** A fresh database and migrations directory holding `files`. */
    async function setUp(name: string, files: Record<string, string>, extra: Partial<MigrationConfig> = {}): Promise<MigrationConfig> {
      const database: TestDatabase = await createTestDatabase(dialect, `failed ${name}`);
      const directory = path.join(dir, name);
      fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, 'versions', file), text);
      return { directory, database: { url: database.url }, ...extra };
    }

    const urlOf = (config: MigrationConfig) => (config.database as { url: string }).url;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-failed-'));
    });

    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a revision that does not await a failing op is a failed revision, and is never recorded', async () => {
      const config = await setUp('unawaited', {
        'ab01_unawaited.ts': revisionFile('ab01', null, [
          "await op.execute('CREATE TABLE td (id INTEGER)');",
          "op.execute('INSERT INTO no_such_table VALUES (1)');",
        ]),
      });
      const file = path.join(config.directory, 'versions', 'ab01_unawaited.ts');
      const prefix =
        `revision ab01 (${file}) failed in upgrade: op.execute(...) (${file}:${lineOf(file, 'no_such_table')}) ` +
        'was not awaited, and it failed: ';

      const first = await failure(upgrade(config, 'heads'));
      expect(first).toBeInstanceOf(RevisionFailedError);
      expect(first.message.startsWith(prefix)).toBe(true);
      if (dialect === 'mysql') {
        // MySQL committed the CREATE TABLE: the journal keeps it, and the next command stops on it.
        expect(
          first.message.endsWith(
            '; these statements had already run and stay applied: (1) CREATE TABLE td (id INTEGER); the version table still records no revision: ' +
              "finish the revision by hand and run 'stamp ab01', or undo them, run 'stamp base' and run the command again",
          ),
        ).toBe(true);
        expect(await state(urlOf(config))).toEqual({ tables: ['td'], versions: [], journal: 1 });
        const next = await failure(upgrade(config, 'heads'));
        expect(next).toBeInstanceOf(InterruptedRunError);
        expect(next.message).toBe(
          'an earlier run stopped half-way through revision ab01 (upgrade  -> ab01): 1 statement ran: (1) CREATE TABLE td (id INTEGER); ' +
            "the version table still records no revision: finish the revision by hand and run 'stamp ab01', or undo what ran, " +
            "run 'stamp base' and run the command again; 'current' shows the whole report",
        );
        // Undone by hand, then stamped where the version table already is: the journal is cleared.
        await withDataSource(urlOf(config), (dataSource) => dataSource.query('DROP TABLE td'));
        const out = recorder();
        await stamp(config, ['base'], { output: out });
        expect(out.lines).toEqual(['Cleared the run journal of the interrupted upgrade  -> ab01 (revision ab01)']);
        expect(await state(urlOf(config))).toEqual({ tables: [], versions: [], journal: 0 });
      } else {
        // Rolled back with its transaction; the next run fails the same way instead of passing.
        expect(first.message.slice(prefix.length)).not.toContain('stay applied');
        expect(await state(urlOf(config))).toEqual({ tables: [], versions: [], journal: 0 });
      }
      const again = await failure(upgrade(config, 'heads'));
      expect(again.message.startsWith(prefix)).toBe(true);
    });

    it('an op call that succeeded without being awaited still fails the revision', async () => {
      const config = await setUp('unawaited-success', {
        'ac01_forgot.ts': revisionFile('ac01', null, ["op.execute('CREATE TABLE tf (id INTEGER)');"]),
      });
      const file = path.join(config.directory, 'versions', 'ac01_forgot.ts');
      const error = await failure(upgrade(config, 'heads'));
      expect(error.message).toBe(
        `revision ac01 (${file}) failed in upgrade: op.execute(...) (${file}:${lineOf(file, 'CREATE TABLE tf')}) was not awaited; ` +
          'await every op call, so statements run in order and a failure stops the revision' +
          (dialect === 'mysql'
            ? '; these statements had already run and stay applied: (1) CREATE TABLE tf (id INTEGER); the version table still records no revision: ' +
              "finish the revision by hand and run 'stamp ac01', or undo them, run 'stamp base' and run the command again"
            : ''),
      );
      expect((await state(urlOf(config))).versions).toEqual([]);
    });

    // MySQL commits DDL as it goes: there, earlier steps stay, as the per-migration tests show.
    if (dialect !== 'mysql') {
      it("'all' mode: the failure says the run's earlier steps were rolled back with it", async () => {
        const config = await setUp('all-mode', {
          'ad01_one.ts': revisionFile('ad01', null, ["await op.execute('CREATE TABLE t_one (id INTEGER)');"]),
          'ad02_two.ts': revisionFile('ad02', 'ad01', ["await op.execute('CREATE TABLE t_two (id INTEGER)');"]),
          'ad03_fails.ts': revisionFile('ad03', 'ad02', ["await op.execute('INSERT INTO no_such_table VALUES (1)');"]),
        });
        const out = recorder();
        const error = await failure(upgrade(config, 'heads', { output: out }));
        expect(out.lines).toEqual([
          'Running upgrade  -> ad01, ad01',
          'Running upgrade ad01 -> ad02, ad02',
          'Running upgrade ad02 -> ad03, ad03',
        ]);
        expect(error.message).toMatch(
          /^revision ad03 \(.*\) failed in upgrade: .*no_such_table.*; the run's earlier steps were rolled back with it \(upgrade {2}-> ad01, upgrade ad01 -> ad02\): the version table still records no revision$/,
        );
        expect(await state(urlOf(config))).toEqual({ tables: [], versions: [], journal: 0 });
      });
    }

    it("transactionMode 'none': what a failed revision left applied is journaled, and stamp after finishing it by hand clears the journal", async () => {
      const config = await setUp(
        'none-mode',
        {
          'ae01_base.ts': revisionFile('ae01', null, ["await op.execute('CREATE TABLE t_base (id INTEGER)');"]),
          'ae02_half.ts': revisionFile('ae02', 'ae01', [
            "await op.execute('CREATE TABLE t_first (id INTEGER)');",
            "await op.execute('INSERT INTO t_first VALUES (1)');",
            "await op.execute('INSERT INTO no_such_table VALUES (1)');",
          ]),
        },
        { transactionMode: 'none' },
      );
      const error = await failure(upgrade(config, 'heads'));
      expect(error.message).toMatch(
        /; these statements had already run and stay applied: \(1\) CREATE TABLE t_first \(id INTEGER\) \(2\) INSERT INTO t_first VALUES \(1\); the version table still records ae01: finish the revision by hand and run 'stamp ae02', or undo them, run 'stamp ae01' and run the command again$/,
      );
      expect(await state(urlOf(config))).toEqual({ tables: ['t_base', 't_first'], versions: ['ae01'], journal: 2 });

      const report = await current(config, { reportInterrupted: true });
      expect(report.interrupted).toEqual({
        revision: 'ae02',
        step: 'upgrade ae01 -> ae02',
        ran: ['CREATE TABLE t_first (id INTEGER)', 'INSERT INTO t_first VALUES (1)'],
        running: [],
        recordedHeads: ['ae01'],
        headsAfter: ['ae02'],
        inProgress: false,
      });
      await expect(current(config)).rejects.toThrow(InterruptedRunError);

      // Finished by hand (the rest of the revision does nothing that is left to do), then stamped.
      await stamp(config, ['ae02']);
      expect(await state(urlOf(config))).toEqual({ tables: ['t_base', 't_first'], versions: ['ae02'], journal: 0 });
      expect((await upgrade(config, 'heads')).steps).toEqual([]);
    });

    it('a revision whose statements were all rolled back leaves no journal behind', async () => {
      // On MySQL too: data statements are transactional there, journal rows included.
      const config = await setUp('rolled-back', {
        'af01_table.ts': revisionFile('af01', null, ["await op.execute('CREATE TABLE t_data (id INTEGER)');"]),
        'af02_data.ts': revisionFile('af02', 'af01', [
          "await op.execute('INSERT INTO t_data VALUES (1)');",
          "await op.execute('INSERT INTO no_such_table VALUES (1)');",
        ]),
      });
      const error = await failure(upgrade(config, 'heads'));
      expect(error.message).not.toContain('stay applied');
      const after = await state(urlOf(config));
      expect(after.journal).toBe(0);
      expect(after.versions).toEqual(dialect === 'mysql' ? ['af01'] : []);
      const rows = await withDataSource(urlOf(config), async (dataSource) =>
        after.tables.includes('t_data') ? ((await dataSource.query('SELECT COUNT(*) AS n FROM t_data')) as { n: unknown }[]) : [{ n: 0 }],
      );
      expect(Number(rows[0].n)).toBe(0);
      // Nothing to report: the next run fails on the same statement again.
      await expect(upgrade(config, 'heads')).rejects.toThrow(RevisionFailedError);
    });

    it('a revision id longer than the version column is refused before anything runs', async () => {
      const long = 'f'.repeat(40);
      const config = await setUp('long-id', {
        'ag01_first.ts': revisionFile('ag01', null, ["await op.execute('CREATE TABLE t_first (id INTEGER)');"]),
        [`${long}_long.ts`]: revisionFile(long, 'ag01', ["await op.execute('CREATE TABLE t_long (id INTEGER)');"]),
      });
      const error = await failure(upgrade(config, 'heads'));
      expect(error).toBeInstanceOf(RevisionIdTooLongError);
      expect(error.message).toBe(
        `Revision id '${long}' (${path.join(config.directory, 'versions', `${long}_long.ts`)}) is 40 characters, but the version table's ` +
          "version_num column holds 32: give the revision a shorter id (and its children's downRevision), " +
          'or widen the column and set versionTable.columnWidth to match',
      );
      // Refused while planning: not even the first revision ran.
      expect(await state(urlOf(config))).toEqual({ tables: [], versions: [], journal: 0 });
      await expect(
        upgrade({ ...config, database: { url: 'postgres://nobody@127.0.0.1:1/none' } }, 'base:heads', { sql: true }),
      ).rejects.toThrow(RevisionIdTooLongError);
    });
  });
}
