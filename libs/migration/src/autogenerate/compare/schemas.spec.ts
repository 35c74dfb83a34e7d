import { AddColumnOp, DropColumnOp } from '../../operations/column-ops';
import { CreateForeignKeyOp } from '../../operations/constraint-ops';
import { CreateEnumTypeOp } from '../../operations/enum-ops';
import { f } from '../../operations/schema-objects';
import { CreateTableOp, DropTableOp } from '../../operations/table-ops';
import { compareSchemas } from './compare-schemas';
import type { CompareOptions } from './context';
import { col, fk, id, kinds, schema, table } from './testing';

// A PostgreSQL database with `users` in the default schema (public) and in `billing`, plus
// billing.legacy, which no entity describes, and an empty schema `archive`.
const database = schema(
  'postgres',
  [
    table('users', [id(), col('a')]),
    table('users', [id(), col('c'), col('d')], { schema: 'billing' }),
    table('legacy', [id()], { schema: 'billing' }),
  ],
  {},
  { defaultSchema: 'public', schemas: ['archive', 'billing', 'public'] },
);

// The entities: the same two `users` tables changed, and billing.invoice referring to both.
const invoice = table(
  'invoice',
  [id(), col('user_id'), col('billing_user_id'), col('state', 'billing.invoice_state', { enumName: 'billing.invoice_state' })],
  {
    schema: 'billing',
    foreignKeys: [fk('invoice', 'user_id', 'users'), { ...fk('invoice', 'billing_user_id', 'users'), referredSchema: 'billing' }],
  },
);
const metadata = schema(
  'postgres',
  [table('users', [id(), col('a'), col('b')]), table('users', [id(), col('c')], { schema: 'billing' }), invoice],
  { 'billing.invoice_state': ['open', 'paid'] },
);

const compare = (options: CompareOptions = {}) => compareSchemas(metadata, database, { includeSchemas: true, ...options });

describe('includeSchemas (PostgreSQL)', () => {
  it('matches tables by schema and name; ops outside the default schema carry their schema', () => {
    const { ops, destructive, notes } = compare();
    expect(kinds(ops)).toEqual(['CreateEnumTypeOp', 'CreateTableOp', 'AddColumnOp', 'DropColumnOp', 'DropTableOp']);
    expect(ops[0]).toEqual(new CreateEnumTypeOp('invoice_state', ['open', 'paid'], { schema: 'billing' }));
    expect(ops[2]).toEqual(new AddColumnOp('users', { name: 'b', type: 'integer', nullable: true }, {}));
    expect(ops[3]).toEqual(
      new DropColumnOp('users', 'd', { schema: 'billing', existingColumn: { name: 'd', type: 'integer', nullable: true } }),
    );
    expect(ops[4]).toBeInstanceOf(DropTableOp);
    expect((ops[4] as DropTableOp).options.schema).toBe('billing');
    expect(destructive.map((d) => [d.kind, d.table, d.column])).toEqual([
      ['drop-column', 'billing.users', 'd'],
      ['drop-table', 'billing.legacy', undefined],
    ]);
    expect(notes).toEqual([]);
  });

  it('creates a table in its schema, its foreign keys naming the referred schema only outside the default one', () => {
    const create = compare().ops[1] as CreateTableOp;
    expect(create.tableName).toBe('invoice');
    expect(create.options).toEqual({ schema: 'billing' });
    expect(create.elements.filter((e) => 'kind' in e && e.kind === 'foreignKey')).toEqual([
      { kind: 'foreignKey', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'], name: f('fk_invoice_user_id_users') },
      {
        kind: 'foreignKey',
        columns: ['billing_user_id'],
        referredTable: 'users',
        referredColumns: ['id'],
        referredSchema: 'billing',
        name: f('fk_invoice_billing_user_id_users'),
      },
    ]);
  });

  it('creates new tables parents first across schemas, though their names are the same', () => {
    const child = table('users', [id(), col('parent_id')], { schema: 'billing', foreignKeys: [fk('users', 'parent_id', 'users')] });
    const parent = table('users', [id()]);
    const { ops } = compareSchemas(
      schema('postgres', [child, parent]),
      schema('postgres', [], {}, { defaultSchema: 'public', schemas: ['billing', 'public'] }),
      {
        includeSchemas: true,
      },
    );
    expect(ops.map((op) => [(op as CreateTableOp).options.schema, (op as CreateTableOp).tableName])).toEqual([
      [undefined, 'users'],
      ['billing', 'users'],
    ]);
  });

  it('without includeSchemas compares the default schema only and says which entity tables it left out', () => {
    const { ops, notes } = compareSchemas(metadata, database);
    expect(ops).toEqual([new AddColumnOp('users', { name: 'b', type: 'integer', nullable: true }, {})]);
    expect(notes).toEqual([
      'schema billing: its entity tables are not compared; set includeSchemas to compare schemas other than the default one',
    ]);
  });

  it('asks includeName about each schema first, the default one by its name; a schema left out is left out on both sides', () => {
    const calls: [string, string, unknown][] = [];
    const { ops } = compare({
      includeName: (name, type, parent) => {
        calls.push([name, type, parent]);
        return !(type === 'schema' && name === 'billing');
      },
    });
    expect(calls.filter(([, type]) => type === 'schema')).toEqual([
      ['public', 'schema', {}],
      ['billing', 'schema', {}],
      ['archive', 'schema', {}],
    ]);
    expect(ops).toEqual([new AddColumnOp('users', { name: 'b', type: 'integer', nullable: true }, {})]);
  });

  it('gives includeName the schema of a table, and the table and schema of a column', () => {
    const calls: unknown[] = [];
    compare({
      includeName: (name, type, parent) => {
        calls.push([name, type, parent]);
        return true;
      },
    });
    expect(calls).toContainEqual(['users', 'table', {}]);
    expect(calls).toContainEqual(['users', 'table', { schemaName: 'billing' }]);
    expect(calls).toContainEqual(['a', 'column', { tableName: 'users' }]);
    expect(calls).toContainEqual(['d', 'column', { tableName: 'users', schemaName: 'billing' }]);
  });

  it('notes a schema the entities need that the database lacks, and still creates its tables there', () => {
    const sales = table('lead', [id()], { schema: 'sales' });
    const { ops, notes } = compareSchemas(
      schema('postgres', [sales]),
      schema('postgres', [], {}, { defaultSchema: 'public', schemas: ['public'] }),
      { includeSchemas: true },
    );
    expect(ops).toEqual([new CreateTableOp('lead', expect.any(Array), { schema: 'sales' })]);
    expect(notes).toEqual([`schema sales does not exist; create it (op.execute('CREATE SCHEMA "sales"')) before this revision's tables`]);
  });

  it('finds nothing once the database holds what the entities describe, in every schema', () => {
    const applied = schema('postgres', [...metadata.tables.values()], Object.fromEntries(metadata.enums), {
      defaultSchema: 'public',
      schemas: ['billing', 'public'],
    });
    expect(compareSchemas(metadata, applied, { includeSchemas: true })).toEqual({
      ops: [],
      destructive: [],
      renames: [],
      renameHints: [],
      notes: [],
    });
  });

  it('is ignored on MySQL, which has no schemas to span', () => {
    const t = table('t', [id()]);
    expect(
      compareSchemas(schema('mysql', [t]), schema('mysql', [t]), { includeSchemas: true, includeName: (_name, type) => type !== 'schema' })
        .ops,
    ).toEqual([]);
  });

  it('creates foreign keys between existing tables with both schemas', () => {
    const withKey = table('users', [id(), col('c')], { schema: 'billing', foreignKeys: [fk('users', 'c', 'users')] });
    const { ops } = compareSchemas(
      schema('postgres', [table('users', [id()]), withKey]),
      schema(
        'postgres',
        [table('users', [id()]), table('users', [id(), col('c')], { schema: 'billing' })],
        {},
        { defaultSchema: 'public', schemas: ['billing', 'public'] },
      ),
      { includeSchemas: true },
    );
    expect(ops).toEqual([new CreateForeignKeyOp(f('fk_users_c_users'), 'users', 'users', ['c'], ['id'], { sourceSchema: 'billing' })]);
  });
});
