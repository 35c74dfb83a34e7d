import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { createTestDatabase, Dialect, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { check, migrate, SchemaDiffersError } from '../../src/commands/autogenerate';
import { current, HeadsNotAppliedError } from '../../src/commands/current';
import { formatCurrent } from '../../src/cli/format/current';
import { DatabaseFailedError } from '../../src/commands/databases';
import { downgrade } from '../../src/commands/downgrade';
import { ensureVersionTable } from '../../src/commands/ensure-version-table';
import { init } from '../../src/commands/init';
import { stamp } from '../../src/commands/stamp';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { CommandError, MigrationError } from '../../src/errors';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { Migrate } from '../../src/nest/migrate.service';
import type { ConfigureContext } from '../../src/nest/migration-module-options.interface';
import { MigrationModule } from '../../src/nest/migration.module';
import { NodeFileSystem } from '../../src/script/node-file-system';
import { runWithClient } from '../support/sql-client';
import { recorder, withDataSource } from '../support/recording';

/** The revision files in `directory`'s versions/, without the compile cache that upgrades leave beside them. */
function revisionFiles(directory: string): string[] {
  return fs.readdirSync(path.join(directory, 'versions')).filter((name) => name !== '__revcache__');
}

/**
 * One history managing two databases: `default` (the primary, on a server) and `analytics`
 * (SQLite). Every revision creates one table per database it touches, so each database's
 * schema shows exactly which of its functions ran:
 *
 *   a1a1 creates d_one in default (analytics: empty), b2b2 a_two in analytics (default: empty),
 *   c3c3 d_three and a_three. f4f4, in a directory of its own, creates d_four in default, and in
 *   analytics creates a_four and then fails on a missing table; t5t5 (twoPhase only) fails at the
 *   second database's PREPARE TRANSACTION.
 */
type Part = { table?: string; after?: string };
const HISTORY: [id: string, down: string | null, message: string, parts: Record<string, Part>][] = [
  ['a1a1', null, 'Create d_one', { default: { table: 'd_one' }, analytics: {} }],
  ['b2b2', 'a1a1', 'Create a_two', { default: {}, analytics: { table: 'a_two' } }],
  ['c3c3', 'b2b2', 'Create d_three and a_three', { default: { table: 'd_three' }, analytics: { table: 'a_three' } }],
];
const FAILING: (typeof HISTORY)[number] = [
  'f4f4',
  'c3c3',
  'Create d_four and a_four',
  { default: { table: 'd_four' }, analytics: { table: 'a_four', after: "  await op.execute('INSERT INTO no_such_table VALUES (1)');\n" } },
];

function multidbRevision(id: string, down: string | null, message: string, parts: Record<string, Part>): string {
  const functions = Object.entries(parts).map(([database, { table, after = '' }]) => {
    const up = table ? `  await op.execute('CREATE TABLE ${table} (id INTEGER PRIMARY KEY, label VARCHAR(20))');\n${after}` : after;
    const downBody = table ? `  await op.execute('DROP TABLE ${table}');\n` : '';
    return (
      `export async function upgrade_${database}(op: MigrationOps): Promise<void> {\n${up}}\n\n` +
      `export async function downgrade_${database}(op: MigrationOps): Promise<void> {\n${downBody}}\n`
    );
  });
  return `/**
 * ${message}
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

${functions.join('\n')}`;
}

/** The generic (one database) shape, which a multidb run must refuse. */
const SINGLE_DATABASE_REVISION = `/**
 * One database only
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'e9e9';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('CREATE TABLE d_single (id INTEGER PRIMARY KEY)');
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE d_single');
}
`;

function writeVersions(directory: string, files: Record<string, string>): void {
  fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(directory, 'versions', name), text);
}

/**
 * PostgreSQL refuses to PREPARE a transaction that used a temporary table: with twoPhase, this
 * revision passes every step and fails at the second database's PREPARE, after the first's.
 */
const FAILING_AT_PREPARE: (typeof HISTORY)[number] = [
  't5t5',
  'c3c3',
  'Create d_five and a_five',
  {
    default: { table: 'd_five' },
    analytics: { table: 'a_five', after: "  await op.execute('CREATE TEMPORARY TABLE scratch (id INTEGER)');\n" },
  },
];

function historyFiles(last?: (typeof HISTORY)[number]): Record<string, string> {
  const revisions = last ? [...HISTORY, last] : HISTORY;
  return Object.fromEntries(revisions.map(([id, down, message, parts]) => [`${id}_create.ts`, multidbRevision(id, down, message, parts)]));
}

const LIST_COLUMNS: Record<Dialect, string> = {
  sqlite:
    'SELECT m.name AS tbl, p.name AS col, p.type AS type FROM sqlite_master m JOIN pragma_table_info(m.name) p ' +
    "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid",
  postgres:
    'SELECT table_name AS tbl, column_name AS col, data_type AS type FROM information_schema.columns ' +
    'WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position',
  mysql:
    'SELECT table_name AS tbl, column_name AS col, column_type AS type FROM information_schema.columns ' +
    'WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position',
};

/** Every table's columns (`name type`), the version table included. */
async function schemaOf(url: string): Promise<Record<string, string[]>> {
  return withDataSource(url, async (dataSource) => {
    const rows = (await dataSource.query(LIST_COLUMNS[parseDatabaseUrl(url).dialect])) as { tbl: string; col: string; type: string }[];
    const tables: Record<string, string[]> = {};
    for (const { tbl, col, type } of rows) (tables[tbl] ??= []).push(`${col} ${type}`.toLowerCase());
    return tables;
  });
}

/** The tables besides the version table and its journal, and the version table's rows (null when it does not exist). */
async function inspect(url: string, versionTable = 'migration_version'): Promise<{ tables: string[]; versions: string[] | null }> {
  const names = Object.keys(await schemaOf(url));
  const versions = names.includes(versionTable)
    ? await withDataSource(url, async (dataSource) =>
        ((await dataSource.query(`SELECT version_num FROM ${versionTable}`)) as { version_num: string }[]).map((r) => r.version_num).sort(),
      )
    : null;
  // The run journal (MySQL's, beside the version table) and the applied log are no tables of the history's either.
  const ours = [versionTable, `${versionTable}_journal`, `${versionTable}_log`];
  return { tables: names.filter((name) => !ours.includes(name)).sort(), versions };
}

/** The state of both databases, keyed by database name, as the failure report names them. */
async function inspectBoth(pair: DatabasePair, versionTable?: string) {
  return { default: await inspect(pair.primary.url, versionTable), analytics: await inspect(pair.analytics.url, versionTable) };
}

interface DatabasePair {
  primary: TestDatabase;
  analytics: TestDatabase;
}

function configsFor(pair: DatabasePair, directory: string, extra: Partial<MigrationConfig> = {}): MigrationConfig[] {
  return [
    { directory, database: { url: pair.primary.url }, databaseName: 'default', ...extra },
    { directory, database: { url: pair.analytics.url }, databaseName: 'analytics' },
  ];
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the command to fail, and it succeeded');
    },
    (error: Error) => error,
  );
}

const UPGRADE_LOG = [
  'Migrating database default',
  'Running upgrade  -> a1a1, Create d_one',
  'Running upgrade a1a1 -> b2b2, Create a_two',
  'Running upgrade b2b2 -> c3c3, Create d_three and a_three',
  'Migrating database analytics',
  'Running upgrade  -> a1a1, Create d_one',
  'Running upgrade a1a1 -> b2b2, Create a_two',
  'Running upgrade b2b2 -> c3c3, Create d_three and a_three',
];

const AT_HEAD = {
  default: { tables: ['d_one', 'd_three'], versions: ['c3c3'] },
  analytics: { tables: ['a_three', 'a_two'], versions: ['c3c3'] },
};

const EMPTY = { tables: [], versions: null };

// Each suite creates and drops several databases of its own, which takes more than Jest's default 5 s under load.
jest.setTimeout(60_000);

/** Server dialects paired with SQLite (the primary first), as far as both are under test. */
const UNDER_TEST = dialectsUnderTest();
const PRIMARIES = UNDER_TEST.includes('sqlite')
  ? UNDER_TEST.filter((dialect): dialect is 'postgres' | 'mysql' => dialect !== 'sqlite')
  : [];

for (const primaryDialect of PRIMARIES) {
  describe(`multidb on ${primaryDialect} (default) + sqlite (analytics)`, () => {
    let dir: string;
    let pair: DatabasePair;
    let configs: MigrationConfig[];
    const databases: TestDatabase[] = [];

    async function freshPair(label: string): Promise<DatabasePair> {
      const created = {
        primary: await createTestDatabase(primaryDialect, `multidb ${label}`),
        analytics: await createTestDatabase('sqlite', `multidb ${label} analytics`),
      };
      databases.push(created.primary, created.analytics);
      return created;
    }

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-multidb-'));
      writeVersions(path.join(dir, 'migrations'), historyFiles());
      writeVersions(path.join(dir, 'failing'), historyFiles(FAILING));
      writeVersions(path.join(dir, 'single'), { 'e9e9_single.ts': SINGLE_DATABASE_REVISION });
      pair = await freshPair('main');
      configs = configsFor(pair, path.join(dir, 'migrations'));
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('upgrades every database to head, each running only its own functions, and reports per database', async () => {
      const out = recorder();
      const result = await upgrade(configs, 'head', { output: out });
      expect(out.lines).toEqual(UPGRADE_LOG);
      expect(result.heads).toEqual(['c3c3']);
      expect(result.databases?.map((db) => [db.database, db.heads, db.steps.length])).toEqual([
        ['default', ['c3c3'], 3],
        ['analytics', ['c3c3'], 3],
      ]);
      expect(await inspectBoth(pair)).toEqual(AT_HEAD);

      const state = await current(configs, { checkHeads: true });
      expect(state.heads).toEqual(['c3c3']);
      expect(state.databases?.map((db) => [db.name, db.database, db.heads])).toEqual([
        ['default', pair.primary.url, ['c3c3']],
        ['analytics', pair.analytics.url, ['c3c3']],
      ]);
      expect(formatCurrent(state)).toEqual(['default: c3c3 (head)', 'analytics: c3c3 (head)']);
      const verbose = formatCurrent(state, true);
      expect(verbose.filter((line) => line.startsWith('Current revision(s)'))).toEqual([
        `Current revision(s) for default (${pair.primary.url}):`,
        `Current revision(s) for analytics (${pair.analytics.url}):`,
      ]);
      expect(verbose.filter((line) => line.startsWith('Rev: c3c3 (head)\n'))).toHaveLength(2);
    });

    it('does nothing in any database when all are at the target', async () => {
      const out = recorder();
      const result = await upgrade(configs, 'heads', { output: out });
      expect(result.databases?.map((db) => [db.database, db.steps])).toEqual([
        ['default', []],
        ['analytics', []],
      ]);
      expect(out.lines).toEqual([
        'Migrating database default',
        'Migrating database analytics',
        'Database default is already at heads (c3c3)',
        'Database analytics is already at heads (c3c3)',
      ]);
      expect(await inspectBoth(pair)).toEqual(AT_HEAD);
    });

    it('downgrades to a middle revision, then to base, in every database', async () => {
      const out = recorder();
      await downgrade(configs, 'b2b2', { output: out });
      expect(out.lines).toEqual([
        'Migrating database default',
        'Running downgrade c3c3 -> b2b2, Create d_three and a_three',
        'Migrating database analytics',
        'Running downgrade c3c3 -> b2b2, Create d_three and a_three',
      ]);
      expect(await inspectBoth(pair)).toEqual({
        default: { tables: ['d_one'], versions: ['b2b2'] },
        analytics: { tables: ['a_two'], versions: ['b2b2'] },
      });
      const behind = await rejection(current(configs, { checkHeads: true }));
      expect(behind).toBeInstanceOf(HeadsNotAppliedError);
      expect(behind.message).toBe("Database default is not on all head revisions: c3c3 not applied (current: b2b2); run 'upgrade heads'");

      await downgrade(configs, 'base');
      // Online, a downgrade to base empties the version table and leaves it in place, as Alembic does.
      expect(await inspectBoth(pair)).toEqual({ default: { tables: [], versions: [] }, analytics: { tables: [], versions: [] } });
      const state = await current(configs);
      expect(state.databases?.map((db) => [db.name, db.heads])).toEqual([
        ['default', []],
        ['analytics', []],
      ]);
      expect(formatCurrent(state)).toEqual([]);
    });

    it('stamps a revision in every database without running it, and purges an unknown state', async () => {
      const result = await stamp(configs, ['b2b2']);
      expect(result.databases?.map((db) => [db.database, db.heads])).toEqual([
        ['default', ['b2b2']],
        ['analytics', ['b2b2']],
      ]);
      expect(await inspectBoth(pair)).toEqual({
        default: { tables: [], versions: ['b2b2'] },
        analytics: { tables: [], versions: ['b2b2'] },
      });

      // A row the history does not know: only --purge gets past it.
      await withDataSource(pair.analytics.url, (ds) => ds.query("INSERT INTO migration_version (version_num) VALUES ('zzzz')"));
      await expect(stamp(configs, ['c3c3'])).rejects.toThrow(DatabaseFailedError);
      expect((await inspectBoth(pair)).default.versions).toEqual(['b2b2']);
      await stamp(configs, ['c3c3'], { purge: true });
      expect(await inspectBoth(pair)).toEqual({
        default: { tables: [], versions: ['c3c3'] },
        analytics: { tables: [], versions: ['c3c3'] },
      });
      expect(formatCurrent(await current(configs))).toEqual(['default: c3c3 (head)', 'analytics: c3c3 (head)']);
    });

    it('ensureVersionTable creates each empty version table once', async () => {
      const fresh = await freshPair('ensure');
      const freshConfigs = configsFor(fresh, path.join(dir, 'migrations'));
      await ensureVersionTable(freshConfigs);
      await ensureVersionTable(freshConfigs);
      expect(await inspectBoth(fresh)).toEqual({ default: { tables: [], versions: [] }, analytics: { tables: [], versions: [] } });
      expect((await current(freshConfigs)).databases?.map((db) => [db.name, db.heads])).toEqual([
        ['default', []],
        ['analytics', []],
      ]);
    });

    it('writes one --sql section per database that, run by each database client, gives the online schema', async () => {
      const online = await freshPair('online');
      const offline = await freshPair('offline');
      await upgrade(configsFor(online, path.join(dir, 'migrations')), 'heads');

      const out = recorder();
      // A URL nothing listens on: --sql must not connect.
      const unreachable = `${primaryDialect}://nobody:secret@127.0.0.1:1/none`;
      const offlineConfigs = configsFor({ ...offline, primary: { ...offline.primary, url: unreachable } }, path.join(dir, 'migrations'));
      await upgrade(offlineConfigs, 'base:head', { sql: true, output: out });
      const sections = out.script.split(/^-- Database: (\w+)\n\n/m);
      expect(sections[0]).toBe('');
      expect([sections[1], sections[3]]).toEqual(['default', 'analytics']);
      expect(sections).toHaveLength(5);
      const [defaultScript, analyticsScript] = [sections[2], sections[4]];
      expect(defaultScript).toContain('CREATE TABLE d_one');
      expect(defaultScript).not.toContain('a_two');
      expect(analyticsScript).toContain('CREATE TABLE a_two');
      expect(analyticsScript).not.toContain('d_one');

      runWithClient(offline.primary, defaultScript);
      runWithClient(offline.analytics, analyticsScript);
      expect(await schemaOf(offline.primary.url)).toEqual(await schemaOf(online.primary.url));
      expect(await schemaOf(offline.analytics.url)).toEqual(await schemaOf(online.analytics.url));
      expect(await inspectBoth(offline)).toEqual(AT_HEAD);

      const down = recorder();
      await downgrade(offlineConfigs, 'head:base', { sql: true, output: down });
      const downSections = down.script.split(/^-- Database: (\w+)\n\n/m);
      expect([downSections[1], downSections[3]]).toEqual(['default', 'analytics']);
      runWithClient(offline.primary, downSections[2]);
      runWithClient(offline.analytics, downSections[4]);
      // The offline downgrade to base ends by dropping the version table, as Alembic's does.
      expect(await inspectBoth(offline)).toEqual({ default: EMPTY, analytics: EMPTY });
    });

    it('reports a failure in the second database with what every version table records, and leaves exactly that', async () => {
      const fresh = await freshPair('failure');
      const failing = configsFor(fresh, path.join(dir, 'failing'));
      const out = recorder();
      const error = await rejection(upgrade(failing, 'heads', { output: out }));
      expect(error).toBeInstanceOf(DatabaseFailedError);
      expect((error as DatabaseFailedError).database).toBe('analytics');
      const file = path.join(dir, 'failing', 'versions', 'f4f4_create.ts');
      const cause = `revision f4f4 (${file}) failed in upgrade: no such table: no_such_table`;
      expect(out.lines).toEqual([
        'Migrating database default',
        'Running upgrade  -> a1a1, Create d_one',
        'Running upgrade a1a1 -> b2b2, Create a_two',
        'Running upgrade b2b2 -> c3c3, Create d_three and a_three',
        'Running upgrade c3c3 -> f4f4, Create d_four and a_four',
        'Migrating database analytics',
        'Running upgrade  -> a1a1, Create d_one',
        'Running upgrade a1a1 -> b2b2, Create a_two',
        'Running upgrade b2b2 -> c3c3, Create d_three and a_three',
        'Running upgrade c3c3 -> f4f4, Create d_four and a_four',
      ]);
      if (primaryDialect === 'mysql') {
        // MariaDB commits DDL as it goes (transactionMode per-migration): default's revisions stay, and the report says so.
        expect(error.message).toBe(
          `database analytics failed: ${cause}; version tables now record: default at f4f4 (was no revision), analytics at no revision (unchanged)`,
        );
        expect((await inspectBoth(fresh)).default).toEqual({ tables: ['d_four', 'd_one', 'd_three'], versions: ['f4f4'] });
      } else {
        expect(error.message).toBe(
          `database analytics failed: ${cause}; version tables now record: default at no revision (unchanged), analytics at no revision (unchanged)`,
        );
        // Rolled back with the run's transaction, the version table's creation included.
        expect((await inspectBoth(fresh)).default).toEqual(EMPTY);
      }
      expect((await inspectBoth(fresh)).analytics).toEqual(EMPTY);
    });

    it('reports a failure after earlier runs against what each version table recorded before', async () => {
      const fresh = await freshPair('failure later');
      const failing = configsFor(fresh, path.join(dir, 'failing'));
      await upgrade(failing, 'b2b2');
      const error = await rejection(upgrade(failing, 'heads'));
      const file = path.join(dir, 'failing', 'versions', 'f4f4_create.ts');
      const cause = `revision f4f4 (${file}) failed in upgrade: no such table: no_such_table`;
      const analyticsState = { tables: ['a_two'], versions: ['b2b2'] };
      if (primaryDialect === 'mysql') {
        expect(error.message).toBe(
          `database analytics failed: ${cause}; version tables now record: default at f4f4 (was b2b2), analytics at b2b2 (unchanged)`,
        );
        expect(await inspectBoth(fresh)).toEqual({
          default: { tables: ['d_four', 'd_one', 'd_three'], versions: ['f4f4'] },
          analytics: analyticsState,
        });
      } else {
        expect(error.message).toBe(
          `database analytics failed: ${cause}; version tables now record: default at b2b2 (unchanged), analytics at b2b2 (unchanged)`,
        );
        expect(await inspectBoth(fresh)).toEqual({ default: { tables: ['d_one'], versions: ['b2b2'] }, analytics: analyticsState });
      }
    });

    it('refuses a revision file written for one database, naming the file and the functions it needs', async () => {
      const fresh = await freshPair('single shape');
      const error = await rejection(upgrade(configsFor(fresh, path.join(dir, 'single')), 'heads'));
      const file = path.join(dir, 'single', 'versions', 'e9e9_single.ts');
      expect(error).toBeInstanceOf(DatabaseFailedError);
      expect(error.message).toBe(
        `database default: revision file ${file} does not export a function upgrade_default(op) or a function downgrade_default(op): ` +
          "it is written for one database; give it upgrade_default(op) and downgrade_default(op) (the multidb template's shape)",
      );
      const state = await inspectBoth(fresh);
      expect(state.default.tables).toEqual([]);
      expect(state.default.versions ?? []).toEqual([]);
      expect(state.analytics).toEqual(EMPTY);
    });

    it('refuses a multidb revision file in a one-database run', async () => {
      const fresh = await freshPair('multidb shape');
      const config = { directory: path.join(dir, 'migrations'), database: { url: fresh.primary.url } };
      const file = path.join(dir, 'migrations', 'versions', 'a1a1_create.ts');
      const error = await rejection(upgrade(config, 'heads'));
      expect(error).toBeInstanceOf(MigrationError);
      expect(error.message).toBe(
        `revision file ${file} does not export a function upgrade(op) or a function downgrade(op): it is written for several databases ` +
          "(upgrade_default, upgrade_analytics); list them in MigrationModule's databases option",
      );
      expect((await inspect(fresh.primary.url)).tables).toEqual([]);
    });

    it('refuses a bad or duplicate database name, or a second directory, before connecting to anything', async () => {
      const fresh = await freshPair('bad names');
      const directory = path.join(dir, 'migrations');
      const [primary, analytics] = configsFor(fresh, directory);
      const cases: [MigrationConfig[], string][] = [
        [
          [primary, { ...analytics, databaseName: 'my-db' }],
          "Database name 'my-db' cannot name the functions upgrade_my-db/downgrade_my-db of a revision file; use letters, digits and _",
        ],
        [[primary, analytics, { ...analytics }], "Database 'analytics' is listed twice; give each database one entry"],
        [
          [primary, { ...analytics, directory: path.join(dir, 'failing') }],
          `Database 'analytics' is configured with migrations directory ${path.join(dir, 'failing')}, but default with ${directory}; one history serves every database`,
        ],
        [[], 'No databases configured; list at least one in the databases option'],
      ];
      for (const [bad, message] of cases) {
        for (const command of [
          () => upgrade(bad, 'heads'),
          () => downgrade(bad, 'base'),
          () => stamp(bad, ['heads']),
          () => current(bad),
          () => ensureVersionTable(bad),
          () => migrate(bad, { message: 'never written' }),
          () => check(bad),
        ]) {
          const error = await rejection(command());
          expect(error).toBeInstanceOf(CommandError);
          expect(error.message).toBe(message);
        }
      }
      // Not even opened: the SQLite file would exist after any connection.
      expect(await fresh.analytics.exists()).toBe(false);
      expect(revisionFiles(directory).sort()).toEqual(['a1a1_create.ts', 'b2b2_create.ts', 'c3c3_create.ts']);
      expect(await inspect(fresh.primary.url)).toEqual(EMPTY);
    });

    it('refuses twoPhase, which a SQLite database cannot take part in, with one line and no change', async () => {
      const fresh = await freshPair('two phase sqlite');
      const error = await rejection(upgrade(configsFor(fresh, path.join(dir, 'migrations'), { twoPhase: true }), 'heads'));
      expect(error).toBeInstanceOf(CommandError);
      // The first database that is not PostgreSQL is named; on a PostgreSQL primary that is analytics, whatever its server's
      // settings: a user told to raise max_prepared_transactions first would restart the server only to be refused again.
      const refused = primaryDialect === 'mysql' ? 'default is mysql' : 'analytics is sqlite';
      expect(error.message).toBe(`twoPhase needs PostgreSQL for every database, and ${refused}; turn twoPhase off`);
      expect(await inspectBoth(fresh)).toEqual({ default: EMPTY, analytics: EMPTY });
    });
  });
}

/** The prepared-transaction slots of the PostgreSQL test server: 0 means two-phase commit is off there. */
function maxPreparedTransactions(): number {
  const out = execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc', 'SHOW max_prepared_transactions'], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

if (UNDER_TEST.includes('postgres')) {
  describe('multidb twoPhase on two PostgreSQL databases', () => {
    let dir: string;
    const databases: TestDatabase[] = [];
    // Read while collecting the tests, so that the test that runs is the one named for this server.
    const maxPrepared = maxPreparedTransactions();

    async function freshPair(label: string): Promise<DatabasePair> {
      const created = {
        primary: await createTestDatabase('postgres', `multidb 2pc ${label}`),
        analytics: await createTestDatabase('postgres', `multidb 2pc ${label} analytics`),
      };
      databases.push(created.primary, created.analytics);
      return created;
    }

    /** Prepared transactions left behind in these databases: there must never be any. */
    async function leftoverPrepared(pair: DatabasePair): Promise<string[]> {
      return withDataSource(pair.primary.url, async (ds) =>
        (
          (await ds.query('SELECT gid FROM pg_prepared_xacts WHERE database IN ($1, $2)', [pair.primary.name, pair.analytics.name])) as {
            gid: string;
          }[]
        ).map((r) => r.gid),
      );
    }

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-multidb-2pc-'));
      writeVersions(path.join(dir, 'migrations'), historyFiles());
      writeVersions(path.join(dir, 'failing'), historyFiles(FAILING));
      writeVersions(path.join(dir, 'failing-at-prepare'), historyFiles(FAILING_AT_PREPARE));
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    if (maxPrepared === 0) {
      it('max_prepared_transactions = 0: refuses twoPhase with one line naming the setting, and changes nothing', async () => {
        const pair = await freshPair('off');
        const error = await rejection(upgrade(configsFor(pair, path.join(dir, 'migrations'), { twoPhase: true }), 'heads'));
        expect(error).toBeInstanceOf(CommandError);
        expect(error.message).toBe(
          'database default cannot take part in a two-phase commit: its server has max_prepared_transactions = 0; ' +
            'raise it in postgresql.conf and restart the server, or turn twoPhase off',
        );
        expect(await inspectBoth(pair)).toEqual({ default: EMPTY, analytics: EMPTY });
      });
    } else {
      it(`max_prepared_transactions = ${maxPrepared}: commits every database with a two-phase commit`, async () => {
        const pair = await freshPair('on');
        const result = await upgrade(configsFor(pair, path.join(dir, 'migrations'), { twoPhase: true }), 'heads');
        expect(result.databases?.map((db) => [db.database, db.heads])).toEqual([
          ['default', ['c3c3']],
          ['analytics', ['c3c3']],
        ]);
        expect(await inspectBoth(pair)).toEqual(AT_HEAD);
        expect(await leftoverPrepared(pair)).toEqual([]);
      });

      it(`max_prepared_transactions = ${maxPrepared}: a failure in the second database rolls back both`, async () => {
        const pair = await freshPair('on failing');
        const failing = configsFor(pair, path.join(dir, 'failing'), { twoPhase: true });
        await upgrade(failing, 'b2b2');
        const error = await rejection(upgrade(failing, 'heads'));
        const file = path.join(dir, 'failing', 'versions', 'f4f4_create.ts');
        expect(error).toBeInstanceOf(DatabaseFailedError);
        expect(error.message).toBe(
          `database analytics failed: revision f4f4 (${file}) failed in upgrade: relation "no_such_table" does not exist; ` +
            'version tables now record: default at b2b2 (unchanged), analytics at b2b2 (unchanged)',
        );
        expect(await inspectBoth(pair)).toEqual({
          default: { tables: ['d_one'], versions: ['b2b2'] },
          analytics: { tables: ['a_two'], versions: ['b2b2'] },
        });
        expect(await leftoverPrepared(pair)).toEqual([]);
      });

      it(`max_prepared_transactions = ${maxPrepared}: a failure at the second PREPARE rolls back the first, already prepared`, async () => {
        const pair = await freshPair('on failing prepare');
        const configs = configsFor(pair, path.join(dir, 'failing-at-prepare'), { twoPhase: true });
        await upgrade(configs, 'c3c3');
        const error = await rejection(upgrade(configs, 'heads'));
        expect(error).toBeInstanceOf(DatabaseFailedError);
        expect(error.message).toBe(
          'database analytics failed: cannot PREPARE a transaction that has operated on temporary objects; ' +
            'version tables now record: default at c3c3 (unchanged), analytics at c3c3 (unchanged)',
        );
        expect(await inspectBoth(pair)).toEqual(AT_HEAD);
        expect(await leftoverPrepared(pair)).toEqual([]);
      });
    }
  });
}

// Each DataSource's own entities: autogenerate must compare each database with its own.
@Entity({ name: 'account' })
class Account {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 100 }) email!: string;
}

@Entity({ name: 'page_view' })
class PageView {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 200 }) path!: string;
}

@Entity({ name: 'daily_total' })
class DailyTotal {
  @PrimaryGeneratedColumn() id!: number;
}

/** The body of one exported function of a generated revision. */
function functionText(source: string, name: string): string {
  const start = source.indexOf(`export async function ${name}(`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = source.indexOf('export async function', start + 1);
  return source.slice(start, next < 0 ? undefined : next);
}

for (const primaryDialect of PRIMARIES) {
  describe(`multidb MigrationModule on ${primaryDialect} (default) + sqlite (analytics)`, () => {
    let dir: string;
    const databases: TestDatabase[] = [];

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-multidb-module-'));
      // Generated revisions import from @nest-migrate/migration, as in a user's project.
      fs.symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'));
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('migrate writes one revision with a function pair per database, upgrade applies it, check then finds nothing', async () => {
      const primary = await createTestDatabase(primaryDialect, 'multidb module');
      const analytics = await createTestDatabase('sqlite', 'multidb module analytics');
      databases.push(primary, analytics);
      const directory = path.join(dir, 'migrations');
      init(new NodeFileSystem(), { directory, multidb: true });

      const seen: ConfigureContext[] = [];
      // A version table of its own per database proves each configuration went through the callback with its name.
      const perDatabaseVersionTable = (config: MigrationConfig, context: ConfigureContext): MigrationConfig => {
        seen.push(context);
        return { ...config, versionTable: { tableName: `${context.database}_version` } };
      };
      const moduleRef = await Test.createTestingModule({
        imports: [
          TypeOrmModule.forRoot({ ...parseDatabaseUrl(primary.url).dataSourceOptions, entities: [Account], retryAttempts: 1 }),
          TypeOrmModule.forRoot({
            ...parseDatabaseUrl(analytics.url).dataSourceOptions,
            name: 'analytics',
            entities: [PageView],
            retryAttempts: 1,
          }),
          MigrationModule.forRoot({ directory, databases: ['default', 'analytics'], configure: [perDatabaseVersionTable] }),
        ],
      }).compile();
      await moduleRef.init();
      let revision: string;
      try {
        const service = moduleRef.get(Migrate);
        const { created, comparisons } = await service.migrate({ message: 'accounts and page views' });
        expect(seen).toEqual([
          { command: 'migrate', tag: undefined, database: 'default' },
          { command: 'migrate', tag: undefined, database: 'analytics' },
        ]);
        expect(comparisons?.map((c) => c.database)).toEqual(['default', 'analytics']);
        expect(created).toBeDefined();
        revision = created!.revision;
        expect(revisionFiles(directory)).toEqual([path.basename(created!.path)]);
        const source = fs.readFileSync(created!.path, 'utf8');
        expect(source).not.toMatch(/export async function (upgrade|downgrade)\(/);
        const upgradeDefault = functionText(source, 'upgrade_default');
        expect(upgradeDefault).toContain("await op.createTable('account', [");
        expect(upgradeDefault).not.toContain('page_view');
        expect(functionText(source, 'downgrade_default')).toContain("await op.dropTable('account', {");
        const upgradeAnalytics = functionText(source, 'upgrade_analytics');
        expect(upgradeAnalytics).toContain("await op.createTable('page_view', [");
        expect(upgradeAnalytics).not.toContain('account');
        expect(functionText(source, 'downgrade_analytics')).toContain("await op.dropTable('page_view', {");

        const applied = await service.upgrade();
        expect(applied.databases?.map((db) => [db.database, db.heads])).toEqual([
          ['default', [revision]],
          ['analytics', [revision]],
        ]);
        await expect(service.check()).resolves.toMatchObject({ ops: [] });
        expect((await service.migrate({ message: 'nothing' })).created).toBeUndefined();
        expect(revisionFiles(directory)).toHaveLength(1);
        expect(seen.filter((c) => c.command === 'upgrade').map((c) => c.database)).toEqual(['default', 'analytics']);
      } finally {
        await moduleRef.close();
      }
      expect(await inspect(primary.url, 'default_version')).toEqual({ tables: ['account'], versions: [revision] });
      expect(await inspect(analytics.url, 'analytics_version')).toEqual({ tables: ['page_view'], versions: [revision] });

      // The entities of analytics moved on: check names the database and the change.
      const moved = new DataSource({ ...parseDatabaseUrl(analytics.url).dataSourceOptions, entities: [PageView, DailyTotal] } as never);
      const defaultSource = new DataSource({ ...parseDatabaseUrl(primary.url).dataSourceOptions, entities: [Account] } as never);
      try {
        const error = await rejection(
          check([
            { directory, database: { dataSource: defaultSource }, databaseName: 'default', versionTable: { tableName: 'default_version' } },
            { directory, database: { dataSource: moved }, databaseName: 'analytics', versionTable: { tableName: 'analytics_version' } },
          ]),
        );
        expect(error).toBeInstanceOf(SchemaDiffersError);
        expect(error.message).toBe(
          "New upgrade operations detected: analytics: create table daily_total; run 'migrate' to write a revision",
        );
      } finally {
        for (const source of [moved, defaultSource]) if (source.isInitialized) await source.destroy();
      }
    });
  });
}
