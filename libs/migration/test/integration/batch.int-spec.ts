import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Table } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import type { TableDefinition } from '../../src/operations/schema-objects';
import { runWithClient } from '../support/sql-client';
import { recorder, withDataSource } from '../support/recording';

// Revisions build constraints with the helpers; they are plain data, so this copy of them serves.
const HELPERS = path.resolve(__dirname, '../../src/operations/schema-objects');

/**
 * `parent` has rows, an index, a unique constraint, a check, a foreign key out (to `owner`) and
 * one in (from `child`, whose rows reference it). Each later revision makes one kind of change
 * to it in a batch; under --sql the batch gets `copyFrom`, the table as it is before the batch.
 */
const PARENT_AT_START: TableDefinition = {
  columns: [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'code', type: 'varchar(20)', nullable: false },
    { name: 'name', type: 'varchar(50)' },
    { name: 'qty', type: 'integer', nullable: false, serverDefault: 0 },
    { name: 'note', type: 'varchar(100)' },
    { name: 'extra', type: 'integer' },
    { name: 'owner_id', type: 'integer' },
  ],
  constraints: [
    { kind: 'unique', columns: ['code'], name: { finalName: 'uq_parent_code' } },
    { kind: 'check', condition: 'qty >= 0', name: { finalName: 'ck_parent_qty_positive' } },
    {
      kind: 'foreignKey',
      columns: ['owner_id'],
      referredTable: 'owner',
      referredColumns: ['id'],
      name: { finalName: 'fk_parent_owner_id_owner' },
    },
  ],
  indexes: [{ kind: 'index', columns: ['name'], name: { finalName: 'ix_parent_name' } }],
};

type Change = (def: TableDefinition) => TableDefinition;
const mapColumns = (
  def: TableDefinition,
  change: (c: TableDefinition['columns'][number]) => TableDefinition['columns'][number] | undefined,
) => ({
  ...def,
  columns: def.columns.map(change).filter((c): c is TableDefinition['columns'][number] => c !== undefined),
});

/** Each change: its revision id, what the batch does, and how it changes `parent`'s definition (for the next copyFrom). */
const CHANGES: { id: string; title: string; batch: string; options?: string; apply: Change }[] = [
  {
    id: 'b1b1',
    title: 'alters a column type',
    batch: `await batch.alterColumn('note', { type: 'text', existingType: 'varchar(100)', existingNullable: true, existingServerDefault: null, existingComment: null });`,
    apply: (def) => mapColumns(def, (c) => (c.name === 'note' ? { ...c, type: 'text' } : c)),
  },
  {
    id: 'c2c2',
    title: 'drops a column',
    batch: `await batch.dropColumn('extra');`,
    apply: (def) => mapColumns(def, (c) => (c.name === 'extra' ? undefined : c)),
  },
  {
    id: 'd3d3',
    title: 'renames a column that has a unique constraint (recreating on sqlite)',
    batch: `await batch.alterColumn('code', { newColumnName: 'ref', existingType: 'varchar(20)', existingNullable: false, existingServerDefault: null, existingComment: null });`,
    options: `recreate: 'always', `,
    apply: (def) => ({
      ...mapColumns(def, (c) => (c.name === 'code' ? { ...c, name: 'ref' } : c)),
      constraints: def.constraints!.map((c) => (c.kind === 'unique' ? { ...c, columns: ['ref'] } : c)),
    }),
  },
  {
    id: 'e4e4',
    title: 'adds a foreign key',
    batch: `await batch.addColumn({ name: 'backup_owner_id', type: 'integer' });
    await batch.createForeignKey(null, 'owner', ['backup_owner_id'], ['id'], { onDelete: 'SET NULL' });`,
    apply: (def) => ({
      ...def,
      columns: [...def.columns, { name: 'backup_owner_id', type: 'integer' }],
      constraints: [
        ...def.constraints!,
        {
          kind: 'foreignKey',
          columns: ['backup_owner_id'],
          referredTable: 'owner',
          referredColumns: ['id'],
          onDelete: 'SET NULL',
          name: { finalName: 'fk_parent_backup_owner_id_owner' },
        },
      ],
    }),
  },
  {
    id: 'f5f5',
    title: 'drops a constraint',
    batch: `await batch.dropConstraint('ck_parent_qty_positive', { type: 'check' });`,
    apply: (def) => ({ ...def, constraints: def.constraints!.filter((c) => c.kind !== 'check') }),
  },
  {
    id: 'a6a6',
    title: 'alters nullability',
    batch: `await batch.alterColumn('name', { nullable: false, existingType: 'varchar(50)', existingNullable: true, existingServerDefault: null, existingComment: null });`,
    apply: (def) => mapColumns(def, (c) => (c.name === 'name' ? { ...c, nullable: false } : c)),
  },
  {
    id: 'a7a7',
    title: 'adds a column and an index and renames a column with plain ALTERs',
    batch: `await batch.addColumn({ name: 'flag', type: 'boolean', nullable: false, serverDefault: false });
    await batch.createIndex(null, ['ref']);
    await batch.alterColumn('note', { newColumnName: 'remark', existingType: 'text', existingNullable: true, existingServerDefault: null, existingComment: null });`,
    apply: (def) => def,
  },
];

function definitions(): TableDefinition[] {
  const defs = [PARENT_AT_START];
  for (const change of CHANGES) defs.push(change.apply(defs[defs.length - 1]));
  return defs;
}

function revisionFile(id: string, down: string | null, body: string): string {
  return `import type { MigrationOps } from '@nest-migrate/migration';
import { check, foreignKey, index, unique } from ${JSON.stringify(HELPERS)};

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

const CREATE = `  await op.createTable('owner', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'label', type: 'varchar(30)' }]);
  await op.createTable('parent', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'code', type: 'varchar(20)', nullable: false },
    { name: 'name', type: 'varchar(50)' },
    { name: 'qty', type: 'integer', nullable: false, serverDefault: 0 },
    { name: 'note', type: 'varchar(100)' },
    { name: 'extra', type: 'integer' },
    { name: 'owner_id', type: 'integer' },
    unique(['code']),
    check('qty >= 0', { name: 'qty_positive' }),
    foreignKey('owner_id', 'owner', 'id'),
    index(['name']),
  ]);
  await op.createTable('child', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'parent_id', type: 'integer', nullable: false },
    foreignKey('parent_id', 'parent', 'id'),
  ]);
  await op.bulkInsert('owner', [{ id: 1, label: 'one' }, { id: 2, label: 'two' }]);
  await op.bulkInsert('parent', [
    { id: 1, code: 'A', name: 'first', qty: 1, note: 'n1', extra: 7, owner_id: 1 },
    { id: 2, code: 'B', name: 'second', qty: 2, note: null, extra: 8, owner_id: 2 },
    { id: 3, code: 'C', name: 'third', qty: 0, note: "it's", extra: null, owner_id: null },
  ]);
  await op.bulkInsert('child', [{ id: 10, parent_id: 1 }, { id: 11, parent_id: 2 }, { id: 12, parent_id: 2 }]);`;

function writeRevisions(dir: string): void {
  const defs = definitions();
  fs.writeFileSync(path.join(dir, 'versions', 'a0a0_create.ts'), revisionFile('a0a0', null, CREATE));
  CHANGES.forEach((change, i) => {
    const down = i === 0 ? 'a0a0' : CHANGES[i - 1].id;
    const body = `  await op.batchAlterTable('parent', async (batch) => {
    ${change.batch}
  }, { ${change.options ?? ''}copyFrom: op.isOffline ? ${JSON.stringify(defs[i])} : undefined });`;
    fs.writeFileSync(path.join(dir, 'versions', `${change.id}_change.ts`), revisionFile(change.id, down, body));
  });
}

/** `parent` and `child` as TypeORM reads them, in a shape every dialect shares, and their rows. */
async function snapshot(url: string, dialect: string): Promise<Record<string, unknown>> {
  return withDataSource(url, async (dataSource) => {
    const runner = dataSource.createQueryRunner();
    try {
      const tables = await runner.getTables(['parent', 'child']);
      const [parent, child] = ['parent', 'child'].map((name) => tables.find((t) => t.name === name)!);
      const rows = await dataSource.query('SELECT * FROM parent ORDER BY id');
      const children = await dataSource.query('SELECT * FROM child ORDER BY id');
      const leftovers = await dataSource.query(
        dialect === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%tmp%'"
          : dialect === 'postgres'
            ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE '%tmp%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE '%tmp%'",
      );
      const described = describeTable(parent, dialect);
      if (dialect === 'sqlite') {
        // TypeORM reads a SQLite check only when a comma or the closing parenthesis follows it on the same line.
        const [{ sql }] = await dataSource.query("SELECT sql FROM sqlite_master WHERE name = 'parent'");
        described.checks = [...String(sql).matchAll(/CONSTRAINT "([^"]+)" CHECK/g)].map((m) => m[1]).sort();
      }
      return { parent: described, child: describeTable(child, dialect), rows: normalise(rows), children: normalise(children), leftovers };
    } finally {
      await runner.release();
    }
  });
}

function normalise(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  // Booleans come back as 0/1 on SQLite and MySQL, as true/false on PostgreSQL.
  return JSON.parse(JSON.stringify(rows, (_, v) => (typeof v === 'boolean' ? Number(v) : v)));
}

function describeTable(table: Table, dialect: string) {
  const fkNames = new Set(table.foreignKeys.map((k) => k.name));
  // MySQL keeps unique constraints as unique indexes, and makes an index for each foreign key.
  const uniqueNames = [
    ...table.uniques.map((u) => `${u.name} (${u.columnNames.join(', ')})`),
    ...table.indices.filter((i) => i.isUnique).map((i) => `${i.name} (${i.columnNames.join(', ')})`),
  ];
  return {
    columns: table.columns.map((c) => `${c.name}${c.isNullable ? '' : ' not null'}${c.isPrimary ? ' primary' : ''}`),
    indices: table.indices
      .filter((i) => !i.isUnique && !fkNames.has(i.name))
      .map((i) => `${i.name} (${i.columnNames.join(', ')})`)
      .sort(),
    uniques: uniqueNames.sort(),
    foreignKeys: table.foreignKeys
      .map((k) => `${k.name} (${k.columnNames.join(', ')}) -> ${k.referencedTableName}(${k.referencedColumnNames.join(', ')})`)
      .sort(),
    // TypeORM does not read MySQL's checks.
    checks: dialect === 'mysql' ? null : table.checks.map((c) => c.name).sort(),
  };
}

/** Each INSERT that a constraint must reject, and whether it must be rejected at this point. */
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

const EXPECTED_ROWS = [
  { id: 1, ref: 'A', name: 'first', qty: 1, remark: 'n1', owner_id: 1, backup_owner_id: null, flag: 0 },
  { id: 2, ref: 'B', name: 'second', qty: 2, remark: null, owner_id: 2, backup_owner_id: null, flag: 0 },
  { id: 3, ref: 'C', name: 'third', qty: 0, remark: "it's", owner_id: null, backup_owner_id: null, flag: 0 },
];

for (const dialect of dialectsUnderTest()) {
  describe(`batchAlterTable on ${dialect}`, () => {
    let online: TestDatabase;
    let offline: TestDatabase;
    let dir: string;
    let config: MigrationConfig;
    let atHead: Record<string, unknown>;
    const code = () => (CHANGES.findIndex((c) => c.id === 'd3d3') <= done ? 'ref' : 'code');
    let done = -1;

    beforeAll(async () => {
      online = await createTestDatabase(dialect, 'batch');
      offline = await createTestDatabase(dialect, 'batch offline');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-batch-'));
      fs.mkdirSync(path.join(dir, 'versions'));
      writeRevisions(dir);
      config = { directory: dir, database: { url: online.url } };
      await upgrade(config, 'a0a0');
    });

    afterAll(async () => {
      await online?.drop();
      await offline?.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    CHANGES.forEach((change, i) => {
      it(`${change.title}, keeping rows, index, unique, check and both foreign keys, all enforced`, async () => {
        const before = await snapshot(online.url, dialect);
        await upgrade(config, change.id);
        done = i;
        const after = await snapshot(online.url, dialect);
        expect(after['leftovers']).toEqual([]);
        expect(after['children']).toEqual(before['children']);
        expect((after['rows'] as unknown[]).length).toBe(3);
        const parent = after['parent'] as ReturnType<typeof describeTable>;
        expect(parent.indices).toContain('ix_parent_name (name)');
        expect(parent.uniques).toContain(`uq_parent_code (${code()})`);
        expect(parent.foreignKeys).toContain('fk_parent_owner_id_owner (owner_id) -> owner(id)');
        expect((after['child'] as ReturnType<typeof describeTable>).foreignKeys).toEqual([
          'fk_child_parent_id_parent (parent_id) -> parent(id)',
        ]);
        if (dialect !== 'mysql') expect(parent.checks).toEqual(i >= 4 ? [] : ['ck_parent_qty_positive']);

        // Still enforced: the foreign key into parent, the one out of it, the unique constraint, and the check until dropped.
        expect(await rejected(online.url, 'INSERT INTO child (id, parent_id) VALUES (99, 999)')).toBe(true);
        expect(await rejected(online.url, `INSERT INTO parent (id, ${code()}, name, owner_id) VALUES (98, 'X', 'x', 999)`)).toBe(true);
        expect(await rejected(online.url, `INSERT INTO parent (id, ${code()}, name) VALUES (97, 'A', 'x')`)).toBe(true);
        expect(await rejected(online.url, 'DELETE FROM parent WHERE id = 1')).toBe(true);
        if (i < 4) expect(await rejected(online.url, `INSERT INTO parent (id, ${code()}, name, qty) VALUES (96, 'Y', 'y', -1)`)).toBe(true);
      });
    });

    it('ends with the same rows on every dialect', async () => {
      atHead = await snapshot(online.url, dialect);
      expect(atHead['rows']).toEqual(
        EXPECTED_ROWS.map((r) => ({ ...r })).map((r) => pick(r, Object.keys((atHead['rows'] as Record<string, unknown>[])[0]))),
      );
      expect(Object.keys((atHead['rows'] as Record<string, unknown>[])[0])).toEqual([
        'id',
        'ref',
        'name',
        'qty',
        'remark',
        'owner_id',
        'backup_owner_id',
        'flag',
      ]);
      expect(atHead['parent']).toEqual({
        columns: [
          'id not null primary',
          'ref not null',
          'name not null',
          'qty not null',
          'remark',
          'owner_id',
          'backup_owner_id',
          'flag not null',
        ],
        indices: ['ix_parent_name (name)', 'ix_parent_ref (ref)'],
        uniques: ['uq_parent_code (ref)'],
        foreignKeys: ['fk_parent_backup_owner_id_owner (backup_owner_id) -> owner(id)', 'fk_parent_owner_id_owner (owner_id) -> owner(id)'],
        checks: dialect === 'mysql' ? null : [],
      });
    });

    it('writes a --sql upgrade that, run by the database client, gives the same schema and rows', async () => {
      const unreachable = dialect === 'sqlite' ? offline.url : `${dialect}://nobody:secret@127.0.0.1:1/none`;
      const out = recorder();
      await upgrade({ ...config, database: { url: unreachable } }, 'base:heads', { sql: true, output: out });
      // The sqlite3 shell leaves foreign keys off; turn them on, as TypeORM does, to show the recreate keeps them satisfied.
      runWithClient(offline, dialect === 'sqlite' ? `PRAGMA foreign_keys = ON;\n${out.script}` : out.script);
      expect(await snapshot(offline.url, dialect)).toEqual(atHead);
      // Only SQLite recreates the table; the other dialects get plain ALTERs.
      expect(out.script.includes('_nest_migrate_tmp_parent')).toBe(dialect === 'sqlite');
      const plainStep = out.script.slice(out.script.indexOf('Running upgrade a6a6 -> a7a7'));
      expect(plainStep).not.toContain('_nest_migrate_tmp_parent');
      if (dialect === 'sqlite') expect(plainStep).toContain('ALTER TABLE "parent" RENAME COLUMN "note" TO "remark"');
    });

    if (dialect === 'sqlite') {
      it("with recreate 'never' fails naming the table and the change, and changes nothing", async () => {
        fs.writeFileSync(
          path.join(dir, 'versions', 'ffff_never.ts'),
          revisionFile(
            'ffff',
            'a7a7',
            `  await op.batchAlterTable('parent', async (batch) => {
    await batch.alterColumn('qty', { type: 'bigint' });
  }, { recreate: 'never' });`,
          ),
        );
        try {
          const before = await snapshot(online.url, dialect);
          await expect(upgrade(config, 'ffff')).rejects.toThrow(
            "batchAlterTable('parent') with recreate 'never' cannot alter the type of column qty: sqlite needs the table recreated for that; use recreate 'auto'",
          );
          expect(await snapshot(online.url, dialect)).toEqual(before);
        } finally {
          fs.rmSync(path.join(dir, 'versions', 'ffff_never.ts'));
        }
      });

      it('recreates in a revision run outside a transaction, all or nothing (a savepoint)', async () => {
        const outside = (id: string, body: string) =>
          fs.writeFileSync(
            path.join(dir, 'versions', `${id}_outside.ts`),
            revisionFile(id, 'a7a7', `  await op.batchAlterTable('parent', async (batch) => {\n    ${body}\n  });`) +
              'export const transactional = false;\n',
          );
        const before = await snapshot(online.url, dialect);
        outside('c9c9', "await batch.createCheckConstraint('negative', 'qty < 0');");
        try {
          await expect(upgrade(config, 'c9c9')).rejects.toThrow(
            /^revision c9c9 \(.*\) failed in upgrade: SqliteError: CHECK constraint failed: ck_parent_negative$/,
          );
          expect(await snapshot(online.url, dialect)).toEqual(before);
        } finally {
          fs.rmSync(path.join(dir, 'versions', 'c9c9_outside.ts'));
        }
        outside('d9d9', "await batch.alterColumn('qty', { type: 'bigint' });");
        try {
          await upgrade(config, 'd9d9');
          expect(await snapshot(online.url, dialect)).toEqual(before);
          expect(await rejected(online.url, 'INSERT INTO child (id, parent_id) VALUES (99, 999)')).toBe(true);
          const [{ sql }] = await withDataSource(online.url, (ds) => ds.query("SELECT sql FROM sqlite_master WHERE name = 'parent'"));
          expect(sql).toContain('"qty" BIGINT DEFAULT 0 NOT NULL');
        } finally {
          fs.rmSync(path.join(dir, 'versions', 'd9d9_outside.ts'));
        }
      });

      it('under --sql without copyFrom fails with one line when the table must be recreated', async () => {
        fs.writeFileSync(
          path.join(dir, 'versions', 'eeee_nocopy.ts'),
          revisionFile(
            'eeee',
            'a7a7',
            `  await op.batchAlterTable('parent', async (batch) => {
    await batch.dropColumn('flag');
  });`,
          ),
        );
        try {
          await expect(
            upgrade({ ...config, database: { url: offline.url } }, 'a7a7:eeee', { sql: true, output: recorder() }),
          ).rejects.toThrow("batchAlterTable('parent') needs copyFrom with --sql on sqlite: the table cannot be read offline");
        } finally {
          fs.rmSync(path.join(dir, 'versions', 'eeee_nocopy.ts'));
        }
      });
    }
  });
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
