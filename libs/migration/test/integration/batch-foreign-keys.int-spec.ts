import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig, TransactionMode } from '../../src/config/migration-config';
import type { TableDefinition } from '../../src/operations/schema-objects';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { runWithClient } from '../support/sql-client';
import { recorder, withDataSource } from '../support/recording';

// Revisions build constraints with the helpers; they are plain data, so this copy of them serves.
const HELPERS = path.resolve(__dirname, '../../src/operations/schema-objects');

/** `authors` as a1 creates it, for the batch's copyFrom under --sql. */
const AUTHORS: TableDefinition = {
  columns: [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'name', type: 'varchar(50)', nullable: false },
  ],
};

/** a1: authors, and three tables that reference it with each ON DELETE action; rows in all four. */
const CREATE = `  await op.createTable('authors', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(50)', nullable: false }]);
  await op.createTable('books', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'author_id', type: 'integer', nullable: false },
    foreignKey('author_id', 'authors', 'id', { onDelete: 'CASCADE', onUpdate: 'CASCADE' }),
  ]);
  await op.createTable('reviews', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'author_id', type: 'integer' },
    foreignKey('author_id', 'authors', 'id', { onDelete: 'SET NULL' }),
  ]);
  await op.createTable('loans', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'author_id', type: 'integer', nullable: false },
    foreignKey('author_id', 'authors', 'id', { onDelete: 'RESTRICT' }),
  ]);
  await op.bulkInsert('authors', [{ id: 1, name: 'Ann' }, { id: 2, name: 'Bo' }, { id: 3, name: 'Cy' }]);
  await op.bulkInsert('books', [{ id: 10, author_id: 1 }, { id: 11, author_id: 1 }, { id: 12, author_id: 2 }]);
  await op.bulkInsert('reviews', [{ id: 20, author_id: 1 }, { id: 21, author_id: 3 }]);
  await op.bulkInsert('loans', [{ id: 30, author_id: 2 }]);`;

/** b2: widens authors.name in a batch (a recreate on SQLite). */
const WIDEN = `  await op.batchAlterTable('authors', async (batch) => {
    await batch.alterColumn('name', { type: 'varchar(200)', existingType: 'varchar(50)', existingNullable: false, existingServerDefault: null, existingComment: null });
  }, { copyFrom: op.isOffline ? ${JSON.stringify(AUTHORS)} : undefined });`;

function revisionFile(id: string, down: string | null, body: string, transactional = true): string {
  return `import type { MigrationOps } from '@nest-migrate/migration';
import { foreignKey } from ${JSON.stringify(HELPERS)};

export const revision = '${id}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels = null;
export const dependsOn = null;
${transactional ? '' : 'export const transactional = false;\n'}
export async function upgrade(op: MigrationOps): Promise<void> {
${body}
}

export async function downgrade(): Promise<void> {
  throw new Error('not needed');
}
`;
}

/** A migrations directory with a1, b2 and the given later revisions (each on the one before). */
function directory(later: { id: string; body: string; transactional?: boolean }[] = [], widenTransactional = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-batch-fk-'));
  fs.mkdirSync(path.join(dir, 'versions'));
  const write = (id: string, down: string | null, body: string, transactional = true) =>
    fs.writeFileSync(path.join(dir, 'versions', `${id}_rev.ts`), revisionFile(id, down, body, transactional));
  write('a1a1', null, CREATE);
  write('b2b2', 'a1a1', WIDEN, widenTransactional);
  let down = 'b2b2';
  for (const { id, body, transactional } of later) {
    write(id, down, body, transactional);
    down = id;
  }
  return dir;
}

const TABLES = ['authors', 'books', 'reviews', 'loans'];

/** Every row of the four tables, the width of authors.name, and the version table. */
async function contents(url: string): Promise<Record<string, unknown>> {
  return withDataSource(url, async (dataSource) => {
    const names = await tableNames(dataSource);
    const rows: Record<string, unknown> = {};
    for (const table of TABLES.filter((t) => names.includes(t))) rows[table] = await dataSource.query(`SELECT * FROM ${table} ORDER BY id`);
    const runner = dataSource.createQueryRunner();
    try {
      const authors = names.includes('authors') ? await runner.getTable('authors') : undefined;
      const versions = names.includes('migration_version') ? await dataSource.query('SELECT version_num FROM migration_version') : [];
      // The version table, the run journal (steps that cannot be rolled back) and the applied log are the tool's own.
      const ours = ['migration_version', 'migration_version_journal', 'migration_version_log'];
      return {
        rows,
        nameLength: authors?.findColumnByName('name')?.length ?? null,
        versions,
        tables: names.filter((n) => !ours.includes(n)).sort(),
      };
    } finally {
      await runner.release();
    }
  });
}

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const sql = {
    sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
  }[dataSource.options.type === 'better-sqlite3' ? 'sqlite' : dataSource.options.type === 'postgres' ? 'postgres' : 'mysql'];
  return ((await dataSource.query(sql)) as { name: string }[]).map((r) => r.name);
}

async function rejected(url: string, sql: string): Promise<boolean> {
  return withDataSource(url, async (dataSource) => {
    try {
      await dataSource.query(sql);
    } catch {
      return true;
    }
    return false;
  });
}

const ROWS_AT_B2 = {
  authors: [
    { id: 1, name: 'Ann' },
    { id: 2, name: 'Bo' },
    { id: 3, name: 'Cy' },
  ],
  books: [
    { id: 10, author_id: 1 },
    { id: 11, author_id: 1 },
    { id: 12, author_id: 2 },
  ],
  reviews: [
    { id: 20, author_id: 1 },
    { id: 21, author_id: 3 },
  ],
  loans: [{ id: 30, author_id: 2 }],
};

const MODES: { title: string; mode: TransactionMode; widenTransactional: boolean }[] = [
  { title: "transactionMode 'all'", mode: 'all', widenTransactional: true },
  { title: "transactionMode 'per-migration'", mode: 'per-migration', widenTransactional: true },
  { title: "transactionMode 'none'", mode: 'none', widenTransactional: true },
  { title: 'a revision with transactional = false', mode: 'all', widenTransactional: false },
];

// Each test creates and drops databases of its own, which takes more than Jest's default 5 s under load.
jest.setTimeout(60_000);

for (const dialect of dialectsUnderTest()) {
  describe(`a batch change of a referenced table on ${dialect}`, () => {
    const databases: TestDatabase[] = [];
    const dirs: string[] = [];
    const database = async (name: string) => {
      const db = await createTestDatabase(dialect, `batch fk ${name}`);
      databases.push(db);
      return db;
    };
    const migrations = (...args: Parameters<typeof directory>) => {
      const dir = directory(...args);
      dirs.push(dir);
      return dir;
    };

    afterAll(async () => {
      for (const db of databases) await db.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const { title, mode, widenTransactional } of MODES) {
      it(`keeps every row of the tables that reference it (CASCADE, SET NULL, RESTRICT), with ${title}, online and in --sql`, async () => {
        const dir = migrations([], widenTransactional);
        const online = await database(mode);
        await upgrade({ directory: dir, database: { url: online.url }, transactionMode: mode }, 'heads');
        const after = await contents(online.url);
        expect(after).toEqual({ rows: ROWS_AT_B2, nameLength: '200', versions: [{ version_num: 'b2b2' }], tables: TABLES.slice().sort() });

        const offline = await database(`${mode} sql`);
        const out = recorder();
        await upgrade({ directory: dir, database: { url: offline.url }, transactionMode: mode }, 'base:heads', { sql: true, output: out });
        runWithClient(offline, out.script);
        expect(await contents(offline.url)).toEqual(after);

        // Foreign keys are enforced after the run, and their actions fire again.
        expect(await rejected(online.url, 'INSERT INTO books (id, author_id) VALUES (99, 9)')).toBe(true);
        expect(await rejected(online.url, 'DELETE FROM authors WHERE id = 2')).toBe(true);
        await withDataSource(online.url, (ds) => ds.query('DELETE FROM authors WHERE id = 1'));
        expect((await contents(online.url))['rows']).toEqual({
          authors: ROWS_AT_B2.authors.slice(1),
          books: [{ id: 12, author_id: 2 }],
          reviews: [
            { id: 20, author_id: null },
            { id: 21, author_id: 3 },
          ],
          loans: ROWS_AT_B2.loans,
        });
      });
    }

    if (dialect !== 'sqlite') return;

    // c3 adds books.editor_id (default 99, an author that does not exist) with a foreign key: all three rows break it.
    const BREAKING = {
      id: 'c3c3',
      body: `  await op.batchAlterTable('books', async (batch) => {
    await batch.addColumn({ name: 'editor_id', type: 'integer', serverDefault: 99 });
    await batch.createForeignKey(null, 'authors', ['editor_id'], ['id']);
  }, { copyFrom: op.isOffline ? { columns: [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'author_id', type: 'integer', nullable: false }],
    constraints: [foreignKey('author_id', 'authors', 'id', { onDelete: 'CASCADE', onUpdate: 'CASCADE', name: op.f('fk_books_author_id_authors') })] } : undefined });`,
    };
    const broken = '3 rows of books point to no row of authors (PRAGMA foreign_key_check lists them)';

    it.each([
      ['all', `the migration transaction broke foreign keys, so it was rolled back: ${broken}`],
      [
        'per-migration',
        `revision c3c3 (%s) failed in upgrade: the migration transaction broke foreign keys, so it was rolled back: ${broken}`,
      ],
      ['none', `revision c3c3 (%s) failed in upgrade: batchAlterTable('books') broke foreign keys, so it was rolled back: ${broken}`],
    ] as const)(
      'a change that breaks a foreign key fails in one line naming the table and the rows, and changes nothing (%s)',
      async (mode, message) => {
        const dir = migrations([BREAKING]);
        const db = await database(`breaks ${mode}`);
        const config: MigrationConfig = { directory: dir, database: { url: db.url }, transactionMode: mode };
        await upgrade(config, 'b2b2');
        const before = await contents(db.url);
        const books = await withDataSource(db.url, (ds) => ds.query("SELECT sql FROM sqlite_master WHERE name = 'books'"));
        await expect(upgrade(config, 'heads')).rejects.toThrow(message.replace('%s', path.join(dir, 'versions', 'c3c3_rev.ts')));
        expect(await contents(db.url)).toEqual(before);
        expect(await withDataSource(db.url, (ds) => ds.query("SELECT sql FROM sqlite_master WHERE name = 'books'"))).toEqual(books);
      },
    );

    it('in a --sql script, the same change stops the sqlite3 shell before COMMIT, and nothing is committed', async () => {
      const dir = migrations([BREAKING]);
      const db = await database('breaks sql');
      const out = recorder();
      await upgrade({ directory: dir, database: { url: db.url } }, 'base:heads', { sql: true, output: out });
      expect(() => runWithClient(db, out.script)).toThrow(
        'CHECK constraint failed: foreign keys broken: SELECT * FROM pragma_foreign_key_check lists the rows',
      );
      expect(await contents(db.url)).toEqual({ rows: {}, nameLength: null, versions: [], tables: [] });
    });

    it('rows that were broken before the run do not stop it, and stay as they were', async () => {
      const dir = migrations();
      const db = await database('broken before');
      const config: MigrationConfig = { directory: dir, database: { url: db.url } };
      await upgrade(config, 'a1a1');
      await withDataSource(db.url, (ds) =>
        ds.query('PRAGMA foreign_keys = OFF').then(() => ds.query('INSERT INTO books (id, author_id) VALUES (13, 7)')),
      );
      await upgrade(config, 'heads');
      expect((await contents(db.url))['rows']).toEqual({ ...ROWS_AT_B2, books: [...ROWS_AT_B2.books, { id: 13, author_id: 7 }] });
    });

    it('inside a migration transaction ON DELETE actions do not fire, so a DELETE that needs them fails at COMMIT; outside one they fire', async () => {
      const deleting = { id: 'd4d4', body: "  await op.execute('DELETE FROM authors WHERE id = 3');" };
      const after = {
        ...ROWS_AT_B2,
        authors: ROWS_AT_B2.authors.slice(0, 2),
        reviews: [
          { id: 20, author_id: 1 },
          { id: 21, author_id: null },
        ],
      };
      const dir = migrations([deleting]);
      const db = await database('delete');
      await upgrade({ directory: dir, database: { url: db.url } }, 'b2b2');
      await expect(upgrade({ directory: dir, database: { url: db.url } }, 'heads')).rejects.toThrow(
        'the migration transaction broke foreign keys, so it was rolled back: 1 row of reviews points to no row of authors (PRAGMA foreign_key_check lists them)',
      );
      expect((await contents(db.url))['rows']).toEqual(ROWS_AT_B2);
      await upgrade({ directory: dir, database: { url: db.url }, transactionMode: 'none' }, 'heads');
      expect((await contents(db.url))['rows']).toEqual(after);

      const outside = await database('delete outside');
      await upgrade({ directory: migrations([{ ...deleting, transactional: false }]), database: { url: outside.url } }, 'heads');
      expect((await contents(outside.url))['rows']).toEqual(after);
    });

    it("leaves foreign keys on for the application's DataSource, after a run and after a failed one", async () => {
      const dir = migrations([BREAKING]);
      const db = await database('app datasource');
      const dataSource = await new DataSource(parseDatabaseUrl(db.url).dataSourceOptions).initialize();
      try {
        await upgrade({ directory: dir, database: { dataSource } }, 'b2b2');
        expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
        await expect(upgrade({ directory: dir, database: { dataSource } }, 'heads')).rejects.toThrow(broken);
        expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      } finally {
        await dataSource.destroy();
      }
    });
  });
}
