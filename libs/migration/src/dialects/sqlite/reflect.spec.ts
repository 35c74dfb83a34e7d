import { DataSource } from 'typeorm';
import { BatchAlterTableOp } from '../../operations/batch-ops';
import { f, sqlText } from '../../operations/schema-objects';
import { quoteIdentifier, renderLiteral } from '../../runtime/sql-emitter';
import { renderBatch } from '../../operations/dispatch';
import { ddlImplFor } from '../registry';
import { DEFAULT_NAMING_CONVENTION } from '../../operations/naming-convention';

const impl = ddlImplFor('sqlite', {
  quoteIdentifier: (name) => quoteIdentifier('sqlite', name),
  renderLiteral: (value) => renderLiteral('sqlite', value),
  namingConvention: DEFAULT_NAMING_CONVENTION,
});
import { readSqliteTable } from './reflect';

async function database(
  sql: string,
): Promise<{ run: (sql: string) => Promise<void>; query: (sql: string) => Promise<Record<string, unknown>[]> }> {
  const dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
  opened.push(dataSource);
  const run = async (text: string) => {
    for (const statement of text
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean))
      await dataSource.query(statement);
  };
  await run(sql);
  return { run, query: (text) => dataSource.query(text) };
}

const opened: DataSource[] = [];
afterAll(() => Promise.all(opened.map((d) => d.destroy())));

// Written by hand, the way people write SQLite: constraints on columns, unnamed ones, odd quoting.
const HAND_WRITTEN = `
  CREATE TABLE owner (id INTEGER PRIMARY KEY);
  CREATE TABLE "item" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code VARCHAR(10) NOT NULL UNIQUE,
    [label] TEXT DEFAULT 'it''s' CONSTRAINT label_short CHECK (length(label) < 20),
    "qty" INT DEFAULT 0 NOT NULL,
    made TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),
    owner_id INTEGER CONSTRAINT item_owner REFERENCES owner ON DELETE CASCADE,
    other_id INTEGER REFERENCES owner (id),
    CONSTRAINT "uq_item_label_qty" UNIQUE (label, "qty"),
    CHECK (qty >= 0)
  );
  CREATE INDEX ix_item_label ON item (label);
  CREATE UNIQUE INDEX item_lower ON item (lower(code), qty DESC) WHERE qty > 0;
`;

describe('readSqliteTable', () => {
  it('reads columns, keys, constraints with their names (none where unnamed), checks and indexes', async () => {
    const { query } = await database(HAND_WRITTEN);
    expect(await readSqliteTable(query, 'item')).toEqual({
      columns: [
        { name: 'id', type: 'INTEGER', nullable: false, primaryKey: true, autoincrement: true },
        { name: 'code', type: 'VARCHAR(10)', nullable: false },
        { name: 'label', type: 'TEXT', nullable: true, serverDefault: "it's" },
        { name: 'qty', type: 'INT', nullable: false, serverDefault: 0 },
        { name: 'made', type: 'TIMESTAMP', nullable: true, serverDefault: sqlText('CURRENT_TIMESTAMP') },
        { name: 'owner_id', type: 'INTEGER', nullable: true },
        { name: 'other_id', type: 'INTEGER', nullable: true },
      ],
      constraints: [
        { kind: 'unique', columns: ['code'], name: f('') },
        { kind: 'unique', columns: ['label', 'qty'], name: f('uq_item_label_qty') },
        {
          kind: 'foreignKey',
          columns: ['owner_id'],
          referredTable: 'owner',
          referredColumns: ['id'],
          onDelete: 'CASCADE',
          name: f('item_owner'),
        },
        { kind: 'foreignKey', columns: ['other_id'], referredTable: 'owner', referredColumns: ['id'], name: f('') },
        { kind: 'check', condition: 'length(label) < 20', name: f('label_short') },
        { kind: 'check', condition: 'qty >= 0', name: f('') },
      ],
      indexes: [
        { kind: 'index', name: f('item_lower'), columns: [sqlText('lower(code)'), sqlText('qty DESC')], unique: true, where: 'qty > 0' },
        { kind: 'index', name: f('ix_item_label'), columns: ['label'] },
      ],
    });
  });

  it('fails in one line for a table that does not exist', async () => {
    const { query } = await database('');
    await expect(readSqliteTable(query, 'nope')).rejects.toThrow(
      "batchAlterTable('nope') cannot read the table: sqlite has no table named nope",
    );
  });

  it('reads back what a recreate wrote: nothing is lost on the way, the rows are kept and a view on the table survives', async () => {
    const { run, query } = await database(
      HAND_WRITTEN +
        "INSERT INTO owner VALUES (1); INSERT INTO item (code, label, qty, owner_id) VALUES ('a', 'x', 2, 1); CREATE VIEW item_codes AS SELECT code FROM item",
    );
    const before = await readSqliteTable(query, 'item');
    for (const { sql } of renderBatch(impl, new BatchAlterTableOp('item', [], { recreate: 'always' }), before, true)) await run(sql);
    expect(await readSqliteTable(query, 'item')).toEqual(before);
    expect(await query('SELECT id, code, label, qty, owner_id FROM item')).toEqual([{ id: 1, code: 'a', label: 'x', qty: 2, owner_id: 1 }]);
    expect(await query("SELECT seq FROM sqlite_sequence WHERE name = 'item'")).toEqual([{ seq: 1 }]);
    expect(await query('SELECT code FROM item_codes')).toEqual([{ code: 'a' }]);
  });
});
