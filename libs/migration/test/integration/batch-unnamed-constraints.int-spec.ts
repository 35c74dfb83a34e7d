import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { upgrade } from '../../src/commands/upgrade';
import type { TableDefinition } from '../../src/operations/schema-objects';
import { runWithClient } from '../support/sql-client';
import { recorder, withDataSource } from '../support/recording';

// Revisions build constraints with the helpers; they are plain data, so this copy of them serves.
const HELPERS = path.resolve(__dirname, '../../src/operations/schema-objects');

// SQLite keeps these constraints unnamed: the unique, the check and the foreign key are written on their columns.
const START = `  await op.execute('CREATE TABLE orgs (id INTEGER PRIMARY KEY)');
  await op.execute(\`CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    balance INTEGER NOT NULL CHECK (balance >= 0),
    org_id INTEGER REFERENCES orgs (id)
  )\`);
  await op.execute('INSERT INTO orgs VALUES (1)');
  await op.execute("INSERT INTO accounts VALUES (1, 'a@example.com', 5, 1), (2, 'b@example.com', 0, NULL)");`;

/** `accounts` as readSqliteTable reads it: the batch's copyFrom under --sql. */
const ACCOUNTS: TableDefinition = {
  columns: [
    { name: 'id', type: 'INTEGER', nullable: true },
    { name: 'email', type: 'TEXT', nullable: false },
    { name: 'balance', type: 'INTEGER', nullable: false },
    { name: 'org_id', type: 'INTEGER', nullable: true },
  ],
  constraints: [
    { kind: 'primaryKey', columns: ['id'], name: { finalName: '' } },
    { kind: 'unique', columns: ['email'], name: { finalName: '' } },
    { kind: 'foreignKey', columns: ['org_id'], referredTable: 'orgs', referredColumns: ['id'], name: { finalName: '' } },
    { kind: 'check', condition: 'balance >= 0', name: { finalName: '' } },
  ],
};

/** Each way to reach an unnamed constraint, as its README example does it, and the table it leaves. */
const WAYS: { title: string; batch: string; options: string; created: string[] }[] = [
  {
    title: "namingConvention names the table's unnamed constraints, so one is dropped by its name",
    batch: "await batch.dropConstraint('uq_accounts_email', { type: 'unique' });",
    options: "namingConvention: { uq: 'uq_%(table_name)s_%(column_0_name)s', ck: 'ck_%(table_name)s_%(column_0_name)s' }",
    created: [
      'PRIMARY KEY ("id")',
      'FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")',
      'CONSTRAINT "ck_accounts_balance" CHECK (balance >= 0)',
    ],
  },
  {
    title: 'tableArgs gives the unnamed unique constraint a name, and that name drops it',
    batch: "await batch.dropConstraint('uq_email', { type: 'unique' });",
    options: "tableArgs: [unique(['email'], { name: op.f('uq_email') })]",
    created: ['PRIMARY KEY ("id")', 'FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")', 'CHECK (balance >= 0)'],
  },
  {
    title: 'existing finds the unnamed check by its definition, written differently',
    batch: "await batch.dropConstraint('ck_accounts_balance_positive', { existing: check('balance>=0') });",
    options: '',
    created: ['PRIMARY KEY ("id")', 'UNIQUE ("email")', 'FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")'],
  },
];

function revisionFile(id: string, down: string | null, body: string): string {
  return `import type { MigrationOps } from '@nest-migrate/migration';
import { check, unique } from ${JSON.stringify(HELPERS)};

export const revision = '${id}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels = null;
export const dependsOn = null;

export async function upgrade(op: MigrationOps): Promise<void> {
${body}
}

export async function downgrade(): Promise<void> {
  throw new Error('not needed');
}
`;
}

async function table(url: string): Promise<{ sql: string; rows: unknown[] }> {
  return withDataSource(url, async (ds) => {
    const [{ sql }] = await ds.query("SELECT sql FROM sqlite_master WHERE name = 'accounts'");
    return { sql, rows: await ds.query('SELECT * FROM accounts ORDER BY id') };
  });
}

async function rejected(url: string, sql: string): Promise<boolean> {
  return withDataSource(url, async (ds) => {
    try {
      await ds.query(sql);
    } catch {
      return true;
    }
    return false;
  });
}

// Each test creates and drops databases of its own, which takes more than Jest's default 5 s under load.
jest.setTimeout(60_000);

for (const dialect of dialectsUnderTest()) {
  describe(`naming constraints in batch mode on ${dialect}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const clean of cleanup) await clean();
    });

    it("a batch's namingConvention names the constraints it creates, the same on every dialect", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-unnamed-'));
      fs.mkdirSync(path.join(dir, 'versions'));
      const create =
        "  await op.createTable('tags', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'label', type: 'varchar(20)' }]);";
      const batch = `  await op.batchAlterTable('tags', async (batch) => {
    await batch.createUniqueConstraint(null, ['label']);
  }, { namingConvention: { uq: '%(table_name)s_%(column_0_name)s_key' } });`;
      fs.writeFileSync(path.join(dir, 'versions', 'a1a1_create.ts'), revisionFile('a1a1', null, create));
      fs.writeFileSync(path.join(dir, 'versions', 'b2b2_unique.ts'), revisionFile('b2b2', 'a1a1', batch));
      const database = await createTestDatabase(dialect, 'batch naming');
      cleanup.push(
        () => database.drop(),
        async () => fs.rmSync(dir, { recursive: true, force: true }),
      );
      await upgrade({ directory: dir, database: { url: database.url } }, 'heads');
      const uniques = await withDataSource(database.url, async (ds) => {
        const runner = ds.createQueryRunner();
        try {
          const table = await runner.getTable('tags');
          // MySQL keeps a unique constraint as a unique index.
          return [...(table?.uniques ?? []), ...(table?.indices.filter((i) => i.isUnique) ?? [])].map(
            (u) => `${u.name} (${u.columnNames.join(', ')})`,
          );
        } finally {
          await runner.release();
        }
      });
      expect(uniques).toEqual(['tags_label_key (label)']);
    });

    // Only SQLite keeps constraints unnamed; elsewhere the database names every one.
    if (dialect !== 'sqlite') return;

    const setUp = async (batch: string, options: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-unnamed-'));
      fs.mkdirSync(path.join(dir, 'versions'));
      fs.writeFileSync(path.join(dir, 'versions', 'a1a1_start.ts'), revisionFile('a1a1', null, START));
      const copyFrom = `copyFrom: op.isOffline ? ${JSON.stringify(ACCOUNTS)} : undefined`;
      const body = `  await op.batchAlterTable('accounts', async (batch) => {\n    ${batch}\n  }, { ${options ? `${options}, ` : ''}${copyFrom} });`;
      fs.writeFileSync(path.join(dir, 'versions', 'b2b2_change.ts'), revisionFile('b2b2', 'a1a1', body));
      const online = await createTestDatabase(dialect, 'unnamed online');
      const offline = await createTestDatabase(dialect, 'unnamed offline');
      cleanup.push(
        () => online.drop(),
        () => offline.drop(),
        async () => fs.rmSync(dir, { recursive: true, force: true }),
      );
      return { dir, online, offline };
    };

    for (const way of WAYS) {
      it(`${way.title}; a --sql script run by sqlite3 leaves the same table`, async () => {
        const { dir, online, offline } = await setUp(way.batch, way.options);
        await upgrade({ directory: dir, database: { url: online.url } }, 'heads');
        const after = await table(online.url);
        expect(after.rows).toEqual([
          { id: 1, email: 'a@example.com', balance: 5, org_id: 1 },
          { id: 2, email: 'b@example.com', balance: 0, org_id: null },
        ]);
        const lines = /^CREATE TABLE "accounts" \(\n {4}([\s\S]*)\n\)$/.exec(after.sql)?.[1].split(',\n    ');
        expect(lines?.slice(4)).toEqual(way.created);

        const out = recorder();
        await upgrade({ directory: dir, database: { url: offline.url } }, 'base:heads', { sql: true, output: out });
        runWithClient(offline as TestDatabase, out.script);
        expect(await table(offline.url)).toEqual(after);

        // What is left is enforced; what was dropped is not.
        const uniqueKept = way.created.some((c) => c.includes('UNIQUE'));
        const checkKept = way.created.some((c) => c.includes('CHECK'));
        expect(await rejected(online.url, "INSERT INTO accounts VALUES (3, 'a@example.com', 1, NULL)")).toBe(uniqueKept);
        expect(await rejected(online.url, "INSERT INTO accounts VALUES (4, 'c@example.com', -1, NULL)")).toBe(checkKept);
        expect(await rejected(online.url, "INSERT INTO accounts VALUES (5, 'd@example.com', 1, 99)")).toBe(true);
      });
    }

    it('a drop that matches nothing fails in one line showing what the table has, and changes nothing', async () => {
      const { dir, online } = await setUp("await batch.dropConstraint('ck_x', { existing: check('balance > 0') });", '');
      await upgrade({ directory: dir, database: { url: online.url } }, 'a1a1');
      const before = await table(online.url);
      await expect(upgrade({ directory: dir, database: { url: online.url } }, 'heads')).rejects.toThrow(
        `revision b2b2 (${path.join(dir, 'versions', 'b2b2_change.ts')}) failed in upgrade: batchAlterTable('accounts') cannot drop constraint ck_x: ` +
          'the table has no such constraint; it has PRIMARY KEY (id), UNIQUE (email), FOREIGN KEY (org_id) REFERENCES orgs (id), CHECK (balance >= 0); ' +
          'pass existing as the table has it, or name its constraints with namingConvention',
      );
      expect(await table(online.url)).toEqual(before);
    });
  });
}
