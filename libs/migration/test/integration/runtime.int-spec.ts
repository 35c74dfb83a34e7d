import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { current, HeadsNotAppliedError } from '../../src/commands/current';
import { downgrade } from '../../src/commands/downgrade';
import { ensureVersionTable } from '../../src/commands/ensure-version-table';
import { stamp } from '../../src/commands/stamp';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { CommandError } from '../../src/errors';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { RevisionFailedError } from '../../src/runtime/migration-context';
import { runWithClient } from '../support/sql-client';
import { recorder } from '../support/recording';

/**
 * a1 -> b2 -> (c3 [feature], d4) -> e5 (merge): every revision creates one table, so the
 * schema shows exactly which revisions ran. f6, in a directory of its own, creates a table
 * and then fails.
 */
const HISTORY: [id: string, down: string | string[] | null, label: string | null][] = [
  ['a1a1', null, null],
  ['b2b2', 'a1a1', null],
  ['c3c3', 'b2b2', 'feature'],
  ['d4d4', 'b2b2', null],
  ['e5e5', ['c3c3', 'd4d4'], null],
];

function revisionFile(id: string, down: string | string[] | null, label: string | null, body?: string): string {
  const literal = (v: string | string[] | null) => (v === null ? 'null' : JSON.stringify(v).replace(/"/g, "'"));
  return `/**
 * Create t_${id}
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${literal(down)};
export const branchLabels: string | string[] | null = ${literal(label)};
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('CREATE TABLE t_${id} (id INTEGER PRIMARY KEY)');${body ?? ''}
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE t_${id}');
}
`;
}

function writeHistory(dir: string, withFailing: boolean): void {
  fs.mkdirSync(path.join(dir, 'versions'), { recursive: true });
  for (const [id, down, label] of HISTORY) fs.writeFileSync(path.join(dir, 'versions', `${id}_create.ts`), revisionFile(id, down, label));
  if (withFailing) {
    const failing = "\n  await op.execute('INSERT INTO no_such_table VALUES (1)');";
    fs.writeFileSync(path.join(dir, 'versions', 'f6f6_fails.ts'), revisionFile('f6f6', 'e5e5', null, failing));
  }
}

async function inspect(url: string): Promise<{ tables: string[]; rows: string[] }> {
  const target = parseDatabaseUrl(url);
  const dataSource = await new DataSource(target.dataSourceOptions).initialize();
  const listTables = {
    sqlite: "SELECT name AS name FROM sqlite_master WHERE type = 'table'",
    postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
  }[target.dialect];
  try {
    const names = ((await dataSource.query(listTables)) as { name: string }[]).map((t) => t.name);
    const tables = names.filter((name) => name.startsWith('t_')).sort();
    const rows = names.includes('migration_version')
      ? ((await dataSource.query('SELECT version_num FROM migration_version')) as { version_num: string }[])
          .map((r) => r.version_num)
          .sort()
      : [];
    return { tables, rows };
  } finally {
    await dataSource.destroy();
  }
}

const UPGRADE_LOG = [
  'Running upgrade  -> a1a1, Create t_a1a1',
  'Running upgrade a1a1 -> b2b2, Create t_b2b2',
  'Running upgrade b2b2 -> d4d4, Create t_d4d4',
  'Running upgrade b2b2 -> c3c3, Create t_c3c3',
  'Running upgrade c3c3, d4d4 -> e5e5, Create t_e5e5',
];

for (const dialect of dialectsUnderTest()) {
  describe(`runtime on ${dialect}`, () => {
    let database: TestDatabase;
    let dir: string;
    let config: MigrationConfig;
    const extra: TestDatabase[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'runtime');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-runtime-'));
      writeHistory(path.join(dir, 'migrations'), false);
      writeHistory(path.join(dir, 'failing'), true);
      config = { directory: path.join(dir, 'migrations'), database: { url: database.url } };
    });

    afterAll(async () => {
      await database?.drop();
      for (const db of extra) await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('upgrades to the heads, branch and merge included, in Alembic order', async () => {
      const out = recorder();
      const result = await upgrade(config, 'heads', { output: out });
      expect(out.lines).toEqual(UPGRADE_LOG);
      expect(result.heads).toEqual(['e5e5']);
      expect(await inspect(database.url)).toEqual({ tables: ['t_a1a1', 't_b2b2', 't_c3c3', 't_d4d4', 't_e5e5'], rows: ['e5e5'] });
      expect((await current(config, { checkHeads: true })).revisions.map((r) => r.revision)).toEqual(['e5e5']);
    });

    it('does nothing when already at the target', async () => {
      const out = recorder();
      expect((await upgrade(config, 'head', { output: out })).steps).toEqual([]);
      // Alembic prints nothing here; we say so.
      expect(out.lines).toEqual(['Database is already at head (e5e5)']);
    });

    it('downgrades the merge back into two rows, then one branch point', async () => {
      await downgrade(config, 'd4d4');
      expect(await inspect(database.url)).toEqual({ tables: ['t_a1a1', 't_b2b2', 't_c3c3', 't_d4d4'], rows: ['c3c3', 'd4d4'] });
      await expect(current(config, { checkHeads: true })).rejects.toThrow(HeadsNotAppliedError);

      const out = recorder();
      await downgrade(config, 'b2b2', { output: out });
      expect(out.lines).toEqual(['Running downgrade c3c3 -> b2b2, Create t_c3c3', 'Running downgrade d4d4 -> b2b2, Create t_d4d4']);
      expect(await inspect(database.url)).toEqual({ tables: ['t_a1a1', 't_b2b2'], rows: ['b2b2'] });
    });

    it('upgrades one labelled branch with a relative identifier', async () => {
      await upgrade(config, 'feature@+1');
      expect(await inspect(database.url)).toEqual({ tables: ['t_a1a1', 't_b2b2', 't_c3c3'], rows: ['c3c3'] });
    });

    it('stamps without running revisions, several targets and base, and purges an unknown state', async () => {
      await stamp(config, ['e5e5']);
      expect((await inspect(database.url)).rows).toEqual(['e5e5']);
      await stamp(config, ['base']);
      expect(await inspect(database.url)).toEqual({ tables: ['t_a1a1', 't_b2b2', 't_c3c3'], rows: [] });
      await stamp(config, ['c3c3', 'd4d4']);
      expect((await inspect(database.url)).rows).toEqual(['c3c3', 'd4d4']);
      await stamp(config, ['e5e5'], { purge: true });
      expect((await inspect(database.url)).rows).toEqual(['e5e5']);
    });

    it('refuses bad targets with one line and changes nothing', async () => {
      const before = await inspect(database.url);
      await expect(upgrade(config, 'zzzz')).rejects.toThrow(CommandError);
      await expect(upgrade(config, 'zzzz')).rejects.toThrow("Can't locate revision identified by 'zzzz'");
      await expect(downgrade(config, 'e5e5:b2b2')).rejects.toThrow(
        "Range revision not allowed: 'e5e5:b2b2' is a <from>:<to> range, which only --sql takes",
      );
      expect(await inspect(database.url)).toEqual(before);
    });

    it('reports a failing revision and leaves the version table on the previous revision', async () => {
      const failing = { ...config, directory: path.join(dir, 'failing') };
      const error = await upgrade(failing, 'heads').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RevisionFailedError);
      const message = (error as Error).message;
      const file = path.join(dir, 'failing', 'versions', 'f6f6_fails.ts');
      expect(message.startsWith(`revision f6f6 (${file}) failed in upgrade: `)).toBe(true);
      const after = await inspect(database.url);
      expect(after.rows).toEqual(['e5e5']);
      if (dialect === 'mysql') {
        // MySQL commits DDL as it goes: the report names what stayed applied and how to recover.
        expect(message).toContain(
          "; these statements had already run and stay applied: (1) CREATE TABLE t_f6f6 (id INTEGER PRIMARY KEY); the version table still records e5e5: finish the revision by hand and run 'stamp f6f6', or undo them, run 'stamp e5e5' and run the command again",
        );
        expect(after.tables).toContain('t_f6f6');
      } else {
        expect(message).not.toContain('stay applied');
        expect(after.tables).not.toContain('t_f6f6');
      }
    });

    it('writes a --sql script that, run by the database client, gives the schema and rows of the online run', async () => {
      const offline = await createTestDatabase(dialect, 'runtime offline');
      extra.push(offline);
      const out = recorder();
      // A URL nothing listens on: --sql must not connect.
      const unreachable = dialect === 'sqlite' ? offline.url : `${dialect}://nobody:secret@127.0.0.1:1/none`;
      await upgrade({ ...config, database: { url: unreachable } }, 'base:heads', { sql: true, output: out });
      expect(out.script).toContain('-- Running upgrade  -> a1a1\n\n');
      expect(out.script).toContain('-- Running upgrade c3c3, d4d4 -> e5e5\n\n');
      runWithClient(offline, out.script);
      expect(await inspect(offline.url)).toEqual({ tables: ['t_a1a1', 't_b2b2', 't_c3c3', 't_d4d4', 't_e5e5'], rows: ['e5e5'] });

      const down = recorder();
      await downgrade({ ...config, database: { url: unreachable } }, 'e5e5:base', { sql: true, output: down });
      runWithClient(offline, down.script);
      expect(await inspect(offline.url)).toEqual({ tables: [], rows: [] });
    });

    it('needs a range for downgrade --sql, as Alembic does', async () => {
      await expect(downgrade(config, '-1', { sql: true })).rejects.toThrow(
        "downgrade with --sql requires <fromrev>:<torev>, for example 'head:-1'",
      );
    });
  });
}

/** A revision file whose upgrade body is given, for the transaction-mode tests. */
function customRevision(id: string, down: string | null, upgradeBody: string, extra = ''): string {
  return `/**
 * ${id}
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;
${extra}
export async function upgrade(op: MigrationOps): Promise<void> {
${upgradeBody}
}

export async function downgrade(op: MigrationOps): Promise<void> {}
`;
}

for (const dialect of dialectsUnderTest()) {
  describe(`transaction modes and revision options on ${dialect}`, () => {
    let dir: string;
    const databases: TestDatabase[] = [];

    async function freshConfig(
      name: string,
      files: Record<string, string>,
      extra: Partial<MigrationConfig> = {},
    ): Promise<MigrationConfig> {
      const database = await createTestDatabase(dialect, `runtime ${name}`);
      databases.push(database);
      const directory = path.join(dir, name);
      fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, 'versions', file), text);
      return { directory, database: { url: database.url }, ...extra };
    }

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-modes-'));
    });

    // Dropping a dozen databases takes more than Jest's default 5 s on a busy machine.
    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    const twoThenFail = {
      'aa01_one.ts': customRevision('aa01', null, "  await op.execute('CREATE TABLE t_one (id INTEGER PRIMARY KEY)');"),
      'aa02_two.ts': customRevision('aa02', 'aa01', "  await op.execute('INSERT INTO no_such_table VALUES (1)');"),
    };

    it('per-migration: the revisions before a failing one stay committed', async () => {
      const config = await freshConfig('per-migration', twoThenFail, { transactionMode: 'per-migration' });
      await expect(upgrade(config, 'heads')).rejects.toThrow(/^revision aa02 \(.*aa02_two\.ts\) failed in upgrade: /);
      expect(await inspect((config.database as { url: string }).url)).toEqual({ tables: ['t_one'], rows: ['aa01'] });
    });

    if (dialect !== 'mysql') {
      it('all (the default here): a failing revision rolls back the whole run', async () => {
        const config = await freshConfig('all', twoThenFail);
        await expect(upgrade(config, 'heads')).rejects.toThrow(/failed in upgrade/);
        expect(await inspect((config.database as { url: string }).url)).toEqual({ tables: [], rows: [] });
      });
    }

    it('ensureVersionTable creates the empty table once', async () => {
      const config = await freshConfig('ensure', twoThenFail);
      await ensureVersionTable(config);
      await ensureVersionTable(config);
      const url = (config.database as { url: string }).url;
      const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
      try {
        // Selecting from the table proves it exists; the count proves it is empty.
        const [{ n }] = (await dataSource.query('SELECT COUNT(*) AS n FROM migration_version')) as { n: unknown }[];
        expect(Number(n)).toBe(0);
      } finally {
        await dataSource.destroy();
      }
      expect((await current(config)).heads).toEqual([]);
    });

    it('passes -x arguments to revisions', async () => {
      const body = "  await op.execute(`CREATE TABLE t_${op.getXArgument('suffix') ?? 'missing'} (id INTEGER PRIMARY KEY)`);";
      const config = await freshConfig('x-args', { 'bb01_x.ts': customRevision('bb01', null, body) }, { xArguments: { suffix: 'given' } });
      await upgrade(config, 'heads');
      expect(await inspect((config.database as { url: string }).url)).toEqual({ tables: ['t_given'], rows: ['bb01'] });
    });

    it('runs a revision that opts out of transactions outside the run transaction', async () => {
      // PostgreSQL refuses CREATE INDEX CONCURRENTLY inside a transaction block: the proof it ran outside one.
      const index =
        dialect === 'postgres'
          ? "  await op.createIndex('ix_t_idx_name', 't_idx', ['name'], { concurrently: true });"
          : "  await op.createIndex('ix_t_idx_name', 't_idx', ['name']);";
      const config = await freshConfig('non-transactional', {
        'cc01_table.ts': customRevision(
          'cc01',
          null,
          "  await op.execute('CREATE TABLE t_idx (id INTEGER PRIMARY KEY, name VARCHAR(20))');",
        ),
        'cc02_index.ts': customRevision('cc02', 'cc01', index, '\nexport const transactional = false;\n'),
        'cc03_after.ts': customRevision('cc03', 'cc02', "  await op.execute('CREATE TABLE t_after (id INTEGER PRIMARY KEY)');"),
      });
      const out = recorder();
      await upgrade(config, 'heads', { output: out });
      expect(out.lines).toEqual([
        'Running upgrade  -> cc01, cc01',
        'Running upgrade cc01 -> cc02, cc02',
        'Running upgrade cc02 -> cc03, cc03',
      ]);
      expect(await inspect((config.database as { url: string }).url)).toEqual({ tables: ['t_after', 't_idx'], rows: ['cc03'] });

      const script = recorder();
      await upgrade(config, 'base:heads', { sql: true, output: script });
      // Offline the script commits before the revision and opens a new transaction after it (on SQLite, foreign keys
      // are off inside the transactions only; where the step is journaled, its version row ends the journal in a
      // transaction of its own).
      const [, first, second] = script.script.split('-- Running upgrade ');
      expect(first.trimEnd()).toMatch(/COMMIT;(\n\nPRAGMA foreign_keys = ON;)?$/);
      const created = second.indexOf('CREATE INDEX');
      expect(second.slice(0, created)).not.toMatch(/BEGIN|START TRANSACTION/);
      // ... and the run's next transaction is open when the next revision starts.
      expect(second.slice(second.lastIndexOf('COMMIT;'))).toMatch(/(BEGIN|BEGIN IMMEDIATE|START TRANSACTION);/);
    });

    it('stamp --sql writes only version-table statements', async () => {
      const config = await freshConfig('stamp-sql', twoThenFail);
      const out = recorder();
      await stamp(config, ['base:aa02'], { sql: true, output: out });
      expect(out.script).toContain('-- Running stamp_revision  -> aa02\n\n');
      expect(out.script).toMatch(/INSERT INTO .migration_version. \(.version_num.\) VALUES \('aa02'\);/);
      expect(out.script).not.toContain('no_such_table');
      await expect(stamp(config, ['aa01'], { sql: true, purge: true })).rejects.toThrow("Can't use --purge with --sql mode");
    });
  });
}
