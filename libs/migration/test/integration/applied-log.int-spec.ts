import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { downgrade } from '../../src/commands/downgrade';
import { stamp } from '../../src/commands/stamp';
import { upgrade } from '../../src/commands/upgrade';
import { verify, VerifyFailedError, VerifyResult } from '../../src/commands/verify';
import type { MigrationConfig } from '../../src/config/migration-config';
import { RevisionFailedError } from '../../src/runtime/migration-context';
import { recorder, withDataSource } from '../support/recording';
import { revisionFile } from '../support/revision-file';
import { runWithClient } from '../support/sql-client';

const VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
const WHEN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** A revision creating one table; `eol` '\r\n' writes it as a Windows checkout would. */
function tableRevision(
  id: string,
  down: string | null,
  upgradeBody = `await op.execute('CREATE TABLE t_${id} (id INTEGER)');`,
  eol = '\n',
): string {
  return revisionFile(id, down, [upgradeBody], { message: `Create t_${id}`, downgrade: [`await op.execute('DROP TABLE t_${id}');`], eol });
}

/** sha256 of the text with CRLF as LF, computed here independently of the code under test. */
function sha(text: string): string {
  return createHash('sha256').update(text.split('\r\n').join('\n')).digest('hex');
}

interface LogRow {
  id: number;
  revision: string;
  direction: string;
  step: string;
  applied_at: string;
  duration_ms: number | null;
  tool_version: string;
  checksum: string | null;
}

for (const dialect of dialectsUnderTest()) {
  describe(`applied log and verify on ${dialect}`, () => {
    let database: TestDatabase;
    let dir: string;
    let versions: string;
    let config: MigrationConfig;
    const extra: TestDatabase[] = [];
    const file = (id: string) => path.join(versions, `${id}_create.ts`);
    const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

    async function logRows(url = database.url, table = 'migration_version_log'): Promise<LogRow[]> {
      return withDataSource(url, async (ds) =>
        ((await ds.query(`SELECT * FROM ${q(table)} ORDER BY ${q('id')}`)) as Record<string, unknown>[]).map((row) => ({
          id: Number(row.id),
          revision: String(row.revision),
          direction: String(row.direction),
          step: String(row.step),
          applied_at: String(row.applied_at),
          duration_ms: row.duration_ms === null ? null : Number(row.duration_ms),
          tool_version: String(row.tool_version),
          checksum: row.checksum === null ? null : String(row.checksum),
        })),
      );
    }

    /** What verify found, whether it passed or failed. */
    async function verified(options: { allowMultipleHeads?: boolean } = {}, on = config): Promise<VerifyResult & { error?: string }> {
      try {
        return await verify(on, options);
      } catch (error) {
        if (!(error instanceof VerifyFailedError)) throw error;
        return { ...error.result, error: error.message };
      }
    }

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'applied log');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-applied-log-'));
      versions = path.join(dir, 'migrations', 'versions');
      fs.mkdirSync(versions, { recursive: true });
      fs.writeFileSync(file('a1a1'), tableRevision('a1a1', null, undefined, '\r\n'));
      fs.writeFileSync(file('b2b2'), tableRevision('b2b2', 'a1a1'));
      fs.writeFileSync(file('c3c3'), tableRevision('c3c3', 'b2b2'));
      config = { directory: path.join(dir, 'migrations'), database: { url: database.url } };
    });

    afterAll(async () => {
      await database?.drop();
      for (const db of extra) await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('records each applied revision: direction, step, when, how long, tool version and the checksum of its file', async () => {
      await upgrade(config, 'head');
      const rows = await logRows();
      expect(rows.map(({ applied_at, duration_ms, ...rest }) => rest)).toEqual([
        {
          id: 1,
          revision: 'a1a1',
          direction: 'upgrade',
          step: 'upgrade  -> a1a1',
          tool_version: VERSION,
          checksum: sha(fs.readFileSync(file('a1a1'), 'utf8')),
        },
        {
          id: 2,
          revision: 'b2b2',
          direction: 'upgrade',
          step: 'upgrade a1a1 -> b2b2',
          tool_version: VERSION,
          checksum: sha(fs.readFileSync(file('b2b2'), 'utf8')),
        },
        {
          id: 3,
          revision: 'c3c3',
          direction: 'upgrade',
          step: 'upgrade b2b2 -> c3c3',
          tool_version: VERSION,
          checksum: sha(fs.readFileSync(file('c3c3'), 'utf8')),
        },
      ]);
      // The CRLF file hashes as its LF form, so a Windows checkout verifies the same.
      expect(rows[0].checksum).not.toBe(
        createHash('sha256')
          .update(fs.readFileSync(file('a1a1')))
          .digest('hex'),
      );
      for (const row of rows) {
        expect(row.applied_at).toMatch(WHEN);
        expect(Number.isInteger(row.duration_ms) && row.duration_ms! >= 0).toBe(true);
      }
      const result = await verified();
      expect(result.problems).toEqual([]);
      expect(result.revisions.map((r) => [r.revision, r.status, r.direction])).toEqual([
        ['c3c3', 'ok', 'upgrade'],
        ['b2b2', 'ok', 'upgrade'],
        ['a1a1', 'ok', 'upgrade'],
      ]);
    });

    it('records a downgrade and a stamp; a stamped revision claims no checksum and verifies as unknown', async () => {
      await downgrade(config, '-1');
      await stamp(config, ['head']);
      const rows = (await logRows()).slice(3);
      expect(rows.map((r) => [r.id, r.revision, r.direction, r.step, r.checksum])).toEqual([
        [4, 'c3c3', 'downgrade', 'downgrade c3c3 -> b2b2', sha(fs.readFileSync(file('c3c3'), 'utf8'))],
        [5, 'c3c3', 'stamp', 'stamp_revision b2b2 -> c3c3', null],
      ]);
      const result = await verified();
      expect(result.problems).toEqual([]);
      expect(result.revisions.map((r) => [r.revision, r.status])).toEqual([
        ['c3c3', 'unknown'],
        ['b2b2', 'ok'],
        ['a1a1', 'ok'],
      ]);
    });

    it('leaves no log row for a revision that failed', async () => {
      fs.writeFileSync(file('d4d4'), tableRevision('d4d4', 'c3c3', "throw new Error('refused');"));
      try {
        await expect(upgrade(config, 'head')).rejects.toBeInstanceOf(RevisionFailedError);
        expect((await logRows()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      } finally {
        fs.rmSync(file('d4d4'));
      }
    });

    it('fails on an applied file edited since it ran, naming it, its checksums and what to do', async () => {
      const original = fs.readFileSync(file('b2b2'), 'utf8');
      const recorded = (await logRows()).find((r) => r.revision === 'b2b2')!;
      fs.writeFileSync(file('b2b2'), original.replace('INTEGER', 'BIGINT'));
      try {
        const result = await verified();
        expect(result.revisions.find((r) => r.revision === 'b2b2')).toEqual({
          revision: 'b2b2',
          status: 'changed',
          path: file('b2b2'),
          direction: 'upgrade',
          appliedAt: recorded.applied_at,
          recordedChecksum: recorded.checksum,
          fileChecksum: sha(fs.readFileSync(file('b2b2'), 'utf8')),
        });
        expect(result.error).toBe(
          `verify found 1 problem: revision b2b2 (${file('b2b2')}) changed since it ran on ${recorded.applied_at} ` +
            `(checksum then ${recorded.checksum!.slice(0, 12)}, now ${sha(fs.readFileSync(file('b2b2'), 'utf8')).slice(0, 12)}); ` +
            'restore the file as it ran (git log -p shows it) and put the change in a new revision',
        );
      } finally {
        fs.writeFileSync(file('b2b2'), original);
      }
      // Line endings alone are no change.
      fs.writeFileSync(file('b2b2'), original.split('\n').join('\r\n'));
      try {
        expect((await verified()).problems).toEqual([]);
      } finally {
        fs.writeFileSync(file('b2b2'), original);
      }
    });

    it('fails on a version-table row that no file has, and on several heads unless allowed', async () => {
      await withDataSource(database.url, (ds) => ds.query(`INSERT INTO ${q('migration_version')} (version_num) VALUES ('ffff9999')`));
      try {
        const result = await verified();
        expect(result.revisions[0]).toEqual({
          revision: 'ffff9999',
          status: 'missing',
          path: null,
          direction: null,
          appliedAt: null,
          recordedChecksum: null,
          fileChecksum: null,
        });
        expect(result.error).toBe(
          "verify found 1 problem: the version table records ffff9999, which no revision file has; restore its file, or 'stamp' the database to a revision it holds",
        );
      } finally {
        await withDataSource(database.url, (ds) => ds.query(`DELETE FROM ${q('migration_version')} WHERE version_num = 'ffff9999'`));
      }

      fs.writeFileSync(file('e5e5'), tableRevision('e5e5', 'a1a1'));
      try {
        expect((await verified()).error).toBe(
          "verify found 1 problem: the history has more than one head (c3c3, e5e5); merge them with 'merge heads', or pass --allow-multiple-heads",
        );
        const allowed = await verified({ allowMultipleHeads: true });
        expect([allowed.problems, allowed.heads.sort()]).toEqual([[], ['c3c3', 'e5e5']]);
      } finally {
        fs.rmSync(file('e5e5'));
      }
    });

    it('shows revisions applied before the log existed as unknown, and passes', async () => {
      await withDataSource(database.url, (ds) => ds.query(`DROP TABLE ${q('migration_version_log')}`));
      const result = await verified();
      expect(result.problems).toEqual([]);
      expect(result.revisions.map((r) => [r.revision, r.status, r.appliedAt])).toEqual([
        ['c3c3', 'unknown', null],
        ['b2b2', 'unknown', null],
        ['a1a1', 'unknown', null],
      ]);
      // The next step creates the log and records itself; the earlier revisions stay unknown.
      await stamp(config, ['b2b2']);
      expect((await logRows()).map((r) => [r.id, r.revision, r.direction])).toEqual([[1, 'b2b2', 'stamp']]);
      expect((await verified()).revisions.map((r) => [r.revision, r.status, r.direction])).toEqual([
        ['b2b2', 'unknown', 'stamp'],
        ['a1a1', 'unknown', null],
      ]);
    });

    it('writes the log into a --sql script, which records when it ran and no time taken', async () => {
      const offline = await createTestDatabase(dialect, 'applied log offline');
      extra.push(offline);
      const out = recorder();
      const unreachable = dialect === 'sqlite' ? offline.url : `${dialect}://nobody:secret@127.0.0.1:1/none`;
      await upgrade({ ...config, database: { url: unreachable } }, 'base:head', { sql: true, output: out });
      expect(out.script).toContain(`CREATE TABLE IF NOT EXISTS ${q('migration_version_log')} (\n`);
      expect(out.script.match(/INSERT INTO .migration_version_log. /g)).toHaveLength(3);
      runWithClient(offline, out.script);
      const rows = await logRows(offline.url);
      expect(rows.map((r) => [r.id, r.revision, r.direction, r.duration_ms, r.tool_version, r.checksum])).toEqual(
        ['a1a1', 'b2b2', 'c3c3'].map((id, i) => [i + 1, id, 'upgrade', null, VERSION, sha(fs.readFileSync(file(id), 'utf8'))]),
      );
      for (const row of rows) expect(row.applied_at).toMatch(WHEN);
      expect((await verified({}, { ...config, database: { url: offline.url } })).revisions.map((r) => r.status)).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
    });

    it('takes the log table name from versionTable.logTableName', async () => {
      const named = await createTestDatabase(dialect, 'applied log named');
      extra.push(named);
      const withName = { ...config, database: { url: named.url }, versionTable: { logTableName: 'deploy_log' } };
      await upgrade(withName, 'a1a1');
      expect((await logRows(named.url, 'deploy_log')).map((r) => r.revision)).toEqual(['a1a1']);
      expect((await verified({}, withName)).revisions.map((r) => r.status)).toEqual(['ok']);
    });
  });
}
