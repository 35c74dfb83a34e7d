import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { current } from '../../src/commands/current';
import { stamp } from '../../src/commands/stamp';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { LockTimeoutError } from '../../src/dialects/deploy-lock';
import { InterruptedRunError } from '../../src/runtime/run-journal';
import { recorder, withDataSource } from '../support/recording';
import { revisionFile } from '../support/revision-file';
import { spawnUpgrade, until } from '../support/upgrade-child';

// Deployments killed with SIGKILL, as `kill -9` or an OOM killer would: what the next command
// finds, and what it does about it.

const LIST_TABLES = {
  sqlite: "SELECT name AS name FROM sqlite_master WHERE type = 'table'",
  postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
  mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
} as const;

for (const dialect of dialectsUnderTest()) {
  describe(`killed deployments on ${dialect}`, () => {
    let dir: string;

    async function setUp(
      name: string,
      files: Record<string, string>,
      extra: Partial<MigrationConfig> = {},
    ): Promise<{ config: MigrationConfig; database: TestDatabase }> {
      const database = await createTestDatabase(dialect, `killed ${name}`);
      const directory = path.join(dir, name);
      fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, 'versions', file), text);
      return { config: { directory, database: { url: database.url }, ...extra }, database };
    }

    async function state(database: TestDatabase): Promise<{ tables: string[]; versions: string[] }> {
      return withDataSource(database.url, async (dataSource) => {
        const names = ((await dataSource.query(LIST_TABLES[dialect])) as { name: string }[]).map((t) => t.name);
        const versions = names.includes('migration_version')
          ? ((await dataSource.query('SELECT version_num FROM migration_version')) as { version_num: string }[]).map((r) => r.version_num)
          : [];
        return { tables: names.filter((name) => name.startsWith('t_')).sort(), versions };
      });
    }

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-killed-'));
    });

    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    // Where statements are not rolled back (MySQL always; elsewhere transactionMode 'none'), the
    // run journal is what tells the next command that a deployment died half-way.
    const mode: Partial<MigrationConfig> = dialect === 'mysql' ? {} : { transactionMode: 'none' };

    it(`a deployment killed between two statements of a revision is reported by the next command, and stamp ends it (${dialect === 'mysql' ? 'default mode' : "transactionMode 'none'"})`, async () => {
      const { config, database } = await setUp(
        'between',
        {
          'ba01_base.ts': revisionFile('ba01', null, ["await op.execute('CREATE TABLE t_base (id INTEGER)');"]),
          'ba02_half.ts': revisionFile('ba02', 'ba01', [
            "await op.execute('CREATE TABLE t_first (id INTEGER)');",
            // The crash: nothing after this line runs, and no code of ours sees it coming.
            "process.kill(process.pid, 'SIGKILL');",
            "await op.execute('CREATE TABLE t_second (id INTEGER)');",
          ]),
        },
        mode,
      );
      const deployment = spawnUpgrade(config);
      expect(await deployment.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(deployment.stderr).toBe('Running upgrade  -> ba01, ba01\nRunning upgrade ba01 -> ba02, ba02\n');
      expect(await state(database)).toEqual({ tables: ['t_base', 't_first'], versions: ['ba01'] });

      const expected =
        'an earlier run stopped half-way through revision ba02 (upgrade ba01 -> ba02): 1 statement ran: (1) CREATE TABLE t_first (id INTEGER); ' +
        "the version table still records ba01: finish the revision by hand and run 'stamp ba02', or undo what ran, run 'stamp ba01' " +
        "and run the command again; 'current' shows the whole report";
      const next = await upgrade(config, 'heads').catch((error: unknown) => error);
      expect(next).toBeInstanceOf(InterruptedRunError);
      expect((next as Error).message).toBe(expected);
      await expect(current(config)).rejects.toThrow(expected);
      // Between revisions is what --check-heads reports too, not that the database is behind.
      expect((await current(config, { checkHeads: true, reportInterrupted: true })).interrupted?.revision).toBe('ba02');
      expect((await current(config, { reportInterrupted: true })).interrupted).toEqual({
        revision: 'ba02',
        step: 'upgrade ba01 -> ba02',
        ran: ['CREATE TABLE t_first (id INTEGER)'],
        running: [],
        recordedHeads: ['ba01'],
        headsAfter: ['ba02'],
        inProgress: false,
      });
      expect(await state(database)).toEqual({ tables: ['t_base', 't_first'], versions: ['ba01'] });

      // The operator finishes the revision by hand and stamps it, as the report says.
      await withDataSource(database.url, (dataSource) => dataSource.query('CREATE TABLE t_second (id INTEGER)'));
      const out = recorder();
      await stamp(config, ['ba02'], { output: out });
      expect(out.lines).toEqual([
        'Cleared the run journal of the interrupted upgrade ba01 -> ba02 (revision ba02)',
        'Running stamp_revision ba01 -> ba02',
      ]);
      expect((await upgrade(config, 'heads')).steps).toEqual([]);
      expect(await state(database)).toEqual({ tables: ['t_base', 't_first', 't_second'], versions: ['ba02'] });
    });

    if (dialect === 'sqlite') return;

    const ORPHAN_JOURNAL = {
      revision: 'bb01',
      step: 'upgrade  -> bb01',
      ran: ['CREATE TABLE t_done (id INTEGER)'],
      running: ['UPDATE blocker SET id = 1 WHERE id = 1'],
      recordedHeads: [],
      headsAfter: ['bb01'],
    };

    it('a deployment killed while its statement still runs on the server keeps the lock until that statement ends: the next one waits, says so, and honours lockTimeoutMs', async () => {
      const { config, database } = await setUp('orphan', {
        'bb01_blocked.ts': revisionFile('bb01', null, [
          "await op.execute('CREATE TABLE t_done (id INTEGER)');",
          "await op.execute('UPDATE blocker SET id = 1 WHERE id = 1');",
        ]),
      });
      await withDataSource(database.url, async (dataSource) => {
        await dataSource.query('CREATE TABLE blocker (id INTEGER PRIMARY KEY)');
        await dataSource.query('INSERT INTO blocker (id) VALUES (1)');
        // The test's own transaction holds the row, so the deployment's UPDATE waits on the server
        // for as long as the test wants: a long statement that outlives its client.
        const holder: QueryRunner = dataSource.createQueryRunner();
        await holder.connect();
        await holder.query(dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN');
        await holder.query('SELECT id FROM blocker WHERE id = 1 FOR UPDATE');
        try {
          const deployment = spawnUpgrade(config);
          await deployment.printed('Running upgrade  -> bb01');
          const waitingUpdate =
            dialect === 'postgres'
              ? "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'UPDATE blocker%' AND wait_event_type = 'Lock'"
              : "SELECT 1 FROM information_schema.processlist WHERE info LIKE 'UPDATE blocker%'";
          await until(async () => ((await dataSource.query(waitingUpdate)) as unknown[]).length > 0);
          deployment.child.kill('SIGKILL');
          expect((await deployment.exited).signal).toBe('SIGKILL');

          // The server still runs the killed deployment's UPDATE, in the session that holds the lock.
          const out = recorder();
          const error = await upgrade({ ...config, lockTimeoutMs: 1500 }, 'heads', { output: out }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(LockTimeoutError);
          expect(out.lines).toEqual(['Waiting for the migration lock: another deployment is migrating this database (at most 2 s)']);
          // PostgreSQL's run is one transaction, invisible until it ends; MySQL's journal shows
          // the statements it has committed, as a deployment still in progress.
          expect((await current(config, { reportInterrupted: true })).interrupted).toEqual(
            dialect === 'postgres' ? undefined : { ...ORPHAN_JOURNAL, inProgress: true },
          );
        } finally {
          await holder.query('ROLLBACK');
          await holder.release();
        }
      });
      // With the row free, the orphaned statement ends, and the server ends its session, which
      // frees the lock. PostgreSQL rolls the killed run back, and the next one applies it.
      // MySQL kept what it committed, so the next one stops on the journal: the CREATE TABLE
      // ran, and the UPDATE was running (it did finish); stamping after a look ends it.
      if (dialect === 'postgres') {
        const out = recorder();
        expect((await upgrade(config, 'heads', { output: out })).heads).toEqual(['bb01']);
        expect(out.lines.filter((line) => line.startsWith('Running'))).toEqual(['Running upgrade  -> bb01, bb01']);
      } else {
        await expect(upgrade(config, 'heads')).rejects.toThrow(new InterruptedRunError({ ...ORPHAN_JOURNAL, inProgress: false }));
        await stamp(config, ['bb01']);
      }
      expect(await state(database)).toEqual({ tables: ['t_done'], versions: ['bb01'] });
    });
  });
}
