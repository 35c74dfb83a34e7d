import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import type { SchemaComparison } from '../../src/autogenerate/compare/compare-schemas';
import { introspect } from '../../src/autogenerate/introspect/introspect';
import { check, migrate, MigrateResult, SchemaDiffersError } from '../../src/commands/autogenerate';
import { init } from '../../src/commands/init';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import type { Dialect } from '../../src/operations/migration-ops';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { quoteIdentifier, renderLiteral } from '../../src/runtime/sql-emitter';
import { NodeFileSystem } from '../../src/script/node-file-system';
import { CORPUS, CorpusCase, Row } from '../support/corpus/cases';
import { enumTypes, snapshot, TableSnapshot } from '../support/schema-snapshot';
import { recorder, withDataSource } from '../support/recording';

// The corpus of issue 15 (see ../support/corpus/cases.ts), on every dialect, as one history: the
// cases' `before` entities are generated and applied, rows seeded, then the `after` entities
// generated and applied. Then: a second migrate finds nothing; every table matches what TypeORM's
// synchronize builds from the same entities (names of constraints and indexes aside); the rows
// survived; each revision says what the case expects; `check` on the database synchronize built
// finds nothing; and with namingConvention 'typeorm' the names are synchronize's.

/** PostgreSQL: the second schema the `schema` case uses; created beforehand, as a DBA would. */
const OTHER_SCHEMA = 'corpus_billing';

const HOOK_TIMEOUT_MS = 300_000;
// Some tests generate and apply a whole history, which takes more than Jest's default 5 s under load.
jest.setTimeout(120_000);

/** `schema.table` or `table`, quoted for `dialect`. */
function tableRef(dialect: Dialect, key: string): string {
  return key
    .split('.')
    .map((part) => quoteIdentifier(dialect, part))
    .join('.');
}

/** `INSERT INTO table (...) VALUES (...)` of one row, with literals. */
function insertSql(dialect: Dialect, table: string, row: Row): string {
  const columns = Object.keys(row).map((column) => quoteIdentifier(dialect, column));
  const values = Object.values(row).map((value) => renderLiteral(dialect, value));
  return `INSERT INTO ${tableRef(dialect, table)} (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}

/** A value as read back, comparable across drivers: numbers by value (bigint and decimal come back as text), null as null. */
function comparable(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The tables of a case: its prefix, in the default schema or another. */
const tablesOf = (c: CorpusCase, keys: Iterable<string>) =>
  [...keys].filter((key) => (key.split('.').pop() ?? '').startsWith(`${c.name}_`)).sort();

for (const dialect of dialectsUnderTest()) {
  describe(`autogenerate corpus on ${dialect}`, () => {
    const cases = CORPUS.filter((c) => !c.dialects || c.dialects.includes(dialect));
    const before = () => cases.flatMap((c) => c.before?.(dialect) ?? []);
    const after = () => cases.flatMap((c) => c.after(dialect));
    // What synchronize is given: every case but those TypeORM cannot build on this dialect.
    const synchronizable = () => cases.filter((c) => !c.synchronizeFails?.dialects.includes(dialect)).flatMap((c) => c.after(dialect));
    // Ignored on MySQL and SQLite; on PostgreSQL it reaches the second schema.
    const compareOptions = { includeSchemas: true };
    const sources: DataSource[] = [];
    let ours: TestDatabase;
    let synced: TestDatabase;
    let named: TestDatabase;
    let dir: string;
    const run = {} as {
      second: MigrateResult;
      stderr: string[];
      revision: string;
      again: MigrateResult;
      takeover: SchemaComparison | SchemaDiffersError;
      ours: Map<string, TableSnapshot>;
      synced: Map<string, TableSnapshot>;
      rows: Map<string, Row[]>;
    };

    function config(
      database: TestDatabase,
      entities: Function[],
      directory = 'migrations',
      extra: Partial<MigrationConfig> = {},
    ): MigrationConfig {
      const dataSource = new DataSource({ ...parseDatabaseUrl(database.url).dataSourceOptions, entities } as never);
      sources.push(dataSource);
      return { directory: path.join(dir, directory), database: { dataSource }, ...extra };
    }

    async function seed(): Promise<void> {
      await withDataSource(ours.url, async (db) => {
        for (const c of cases) {
          for (const [table, rows] of Object.entries(c.seed ?? {})) for (const row of rows) await db.query(insertSql(dialect, table, row));
        }
      });
    }

    async function readRows(): Promise<Map<string, Row[]>> {
      const rows = new Map<string, Row[]>();
      await withDataSource(ours.url, async (db) => {
        for (const c of cases) {
          for (const [table, expected] of Object.entries(c.survive ?? {})) {
            const columns = Object.keys(expected[0]).map((column) => quoteIdentifier(dialect, column));
            const found: Record<string, unknown>[] = await db.query(
              `SELECT ${columns.join(', ')} FROM ${tableRef(dialect, table)} ORDER BY ${columns[0]}`,
            );
            rows.set(
              table,
              found.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, comparable(v)]))),
            );
          }
        }
      });
      return rows;
    }

    beforeAll(async () => {
      [ours, synced, named] = await Promise.all([
        createTestDatabase(dialect, 'corpus ours'),
        createTestDatabase(dialect, 'corpus synchronize'),
        createTestDatabase(dialect, 'corpus typeorm names'),
      ]);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-corpus-'));
      // The generated revisions import helpers from @nest-migrate/migration, as in a user's project.
      fs.symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'));
      for (const directory of ['migrations', 'empty', 'typeorm-names'])
        init(new NodeFileSystem(), { directory: path.join(dir, directory) });
      if (dialect === 'postgres') {
        for (const db of [ours, synced, named]) await withDataSource(db.url, (ds) => ds.query(`CREATE SCHEMA ${OTHER_SCHEMA}`));
      }

      await migrate(config(ours, before()), { message: 'before', ...compareOptions });
      await upgrade(config(ours, before()), 'heads');
      await seed();
      const output = recorder();
      run.second = await migrate(config(ours, after()), { message: 'after', ...compareOptions }, output);
      run.stderr = output.lines;
      // The upgrade function alone: its downgrade reverses widenings into narrowings, rightly marked there.
      const text = fs.readFileSync(run.second.created!.path, 'utf8');
      run.revision = text.slice(text.indexOf('export async function upgrade'), text.indexOf('export async function downgrade'));
      await upgrade(config(ours, after()), 'heads');
      run.again = await migrate(config(ours, after()), { message: 'again', ...compareOptions });
      run.rows = await readRows();

      const sync = new DataSource({ ...parseDatabaseUrl(synced.url).dataSourceOptions, entities: synchronizable() } as never);
      sources.push(sync);
      await sync.initialize();
      await sync.synchronize();
      run.takeover = await check(config(synced, synchronizable(), 'empty'), compareOptions).catch((error: SchemaDiffersError) => error);
      run.ours = await withDataSource(ours.url, (ds) => snapshot(ds, dialect));
      run.synced = await withDataSource(synced.url, (ds) => snapshot(ds, dialect));
    }, HOOK_TIMEOUT_MS);

    afterAll(async () => {
      for (const source of sources) if (source.isInitialized) await source.destroy();
      await Promise.all([ours?.drop(), synced?.drop(), named?.drop()]);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }, HOOK_TIMEOUT_MS);

    it('lists on stderr exactly what the upgrade marks DESTRUCTIVE, in the same words, and the renames', () => {
      const marked = [...run.revision.matchAll(/\/\/ DESTRUCTIVE: (.*)/g)].map((m) => m[1]);
      expect(marked.length).toBeGreaterThan(4);
      expect(
        run.stderr.filter((line) => line.startsWith('warning: destructive: ')).map((line) => line.slice('warning: destructive: '.length)),
      ).toEqual(marked);
      const renamed = [...run.revision.matchAll(/\/\/ RENAMED: (.*)/g)].map((m) => m[1]);
      expect(
        run.stderr.filter((line) => line.startsWith('warning: rename: ')).map((line) => line.slice('warning: rename: '.length)),
      ).toEqual(renamed);
    });

    it('reaches the fixpoint: a second migrate finds nothing', () => {
      expect(run.again.comparison.ops).toEqual([]);
      expect(run.again.created).toBeUndefined();
    });

    it('finds nothing to change in the database synchronize built from the same entities', () => {
      if (dialect === 'mysql') {
        // TypeORM creates no check constraints on MySQL (it warns that MySQL lacks them; MariaDB
        // and MySQL 8 have them): those are the only difference.
        expect(run.takeover).toBeInstanceOf(SchemaDiffersError);
        const ops = (run.takeover as SchemaDiffersError).comparison.ops.map((op) => [
          op.constructor.name,
          (op as { tableName?: string }).tableName,
        ]);
        expect(ops).toEqual([
          ['CreateCheckConstraintOp', 'checks_products'],
          ['CreateCheckConstraintOp', 'checks_products'],
        ]);
      } else {
        expect(run.takeover).toMatchObject({ ops: [] });
      }
    });

    if (dialect === 'postgres') {
      it('creates the enum types synchronize creates', async () => {
        const [ourEnums, syncedEnums] = await Promise.all([withDataSource(ours.url, enumTypes), withDataSource(synced.url, enumTypes)]);
        expect(ourEnums).toEqual(syncedEnums);
        expect(ourEnums['enums_priority']).toEqual(['open', 'closed', 'waiting']);
      });
    }

    it("names constraints and indexes as synchronize does with namingConvention 'typeorm', and then checks its database clean", async () => {
      const entities = synchronizable;
      const typeormNames = { namingConvention: 'typeorm' as const };
      await migrate(config(named, entities(), 'typeorm-names', typeormNames), { message: 'typeorm names', ...compareOptions });
      await upgrade(config(named, entities(), 'typeorm-names', typeormNames), 'heads');
      const [ourNames, syncedNames] = await Promise.all([
        withDataSource(named.url, (ds) => names(ds, dialect)),
        withDataSource(synced.url, (ds) => names(ds, dialect)),
      ]);
      // The cases' tables: ours also has the history's own.
      const ofCases = (all: Record<string, string[]>) =>
        Object.fromEntries(cases.flatMap((c) => tablesOf(c, Object.keys(all)).map((key) => [key, all[key]])));
      expect(Object.keys(ofCases(syncedNames)).length).toBeGreaterThan(20);
      expect(ofCases(ourNames)).toEqual(ofCases(syncedNames));
      const takeover = await check(config(synced, entities(), 'empty', typeormNames), compareOptions).catch(
        (error: SchemaDiffersError) => error,
      );
      if (dialect === 'mysql') expect(takeover).toBeInstanceOf(SchemaDiffersError);
      else expect(takeover).toMatchObject({ ops: [] });
    });

    for (const c of cases) {
      describe(`${c.name}: ${c.covers}`, () => {
        if (!c.synchronizeFails?.dialects.includes(dialect)) {
          it('builds the tables synchronize builds', () => {
            const tables = tablesOf(c, run.synced.keys());
            expect(tables.length).toBeGreaterThan(0);
            expect(tablesOf(c, run.ours.keys())).toEqual(tables);
            for (const table of tables) {
              const [ourTable, syncedTable] = [run.ours.get(table), run.synced.get(table)];
              // TypeORM creates no checks on MySQL: compared through the takeover test above.
              if (dialect === 'mysql') for (const t of [ourTable, syncedTable]) if (t) t.checks = [];
              for (const [column, difference] of Object.entries(c.typesDifferOnPurpose?.[dialect] ?? {})) {
                const [, name] = column.split('.');
                if (!column.startsWith(`${table}.`) || !ourTable || !syncedTable) continue;
                expect([column, ourTable.columns[name].type, syncedTable.columns[name].type]).toEqual([
                  column,
                  difference.ours,
                  difference.synchronize,
                ]);
                ourTable.columns[name] = { ...ourTable.columns[name], type: difference.synchronize };
              }
              expect({ table, ...ourTable }).toEqual({ table, ...syncedTable });
            }
          });
        }

        if (c.survive) {
          it('keeps the seeded rows', () => {
            for (const [table, rows] of Object.entries(c.survive ?? {}))
              expect({ table, rows: run.rows.get(table) }).toEqual({ table, rows });
          });
        }

        if (c.refuses) {
          it('refuses what the new schema forbids', async () => {
            await withDataSource(ours.url, async (db) => {
              for (const [table, rows] of Object.entries(c.accepts ?? {}))
                for (const row of rows) await db.query(insertSql(dialect, table, row));
              for (const [table, rows] of Object.entries(c.refuses ?? {})) {
                for (const row of rows) await expect(db.query(insertSql(dialect, table, row))).rejects.toThrow();
              }
            });
          });
        }

        if (c.revisionHas || c.revisionLacks) {
          it('writes what it should in the revision', () => {
            for (const pattern of c.revisionHas?.(dialect) ?? []) expect(run.revision).toMatch(pattern);
            for (const pattern of c.revisionLacks?.(dialect) ?? []) expect(run.revision).not.toMatch(pattern);
          });
        }
      });
    }
  });
}

/** The names of every table's indexes, unique keys, foreign keys and checks, sorted: what the typeorm convention must reproduce. */
async function names(dataSource: DataSource, dialect: Dialect): Promise<Record<string, string[]>> {
  const runner = dataSource.createQueryRunner();
  try {
    const schema = await introspect(runner, dialect, { includeSchemas: true });
    return Object.fromEntries(
      [...schema.tables].map(([key, t]) => [
        key,
        [
          ...t.indexes.map((i) => `index ${i.name}`),
          ...t.uniqueConstraints.map((u) => `unique ${u.name ?? '(unnamed)'}`),
          ...t.foreignKeys.map((fk) => `foreign key ${fk.name ?? '(unnamed)'}`),
          // TypeORM creates no checks on MySQL, and leaves SQLite's enum checks unnamed.
          ...(dialect === 'postgres' ? t.checkConstraints.map((c) => `check ${c.name}`) : []),
          ...(dialect === 'postgres' && t.primaryKey ? [`primary key ${t.primaryKey.name}`] : []),
        ].sort(),
      ]),
    );
  } finally {
    await runner.release();
  }
}
