import { AddColumnOp, AlterColumnOp } from '../../operations/column-ops';
import { RenameTableOp } from '../../operations/table-ops';
import { compareSchemas } from './compare-schemas';
import { col, id, kinds, schema, table } from './testing';

describe('renames the metadata proves', () => {
  it('renames a column the entity now names explicitly, from the name TypeORM derives, with its type change', () => {
    const meta = table('author', [id(), col('full_name', 'varchar(80)', { nullable: false, defaultName: 'fullName' })]);
    const db = table('author', [id(), col('fullName', 'varchar(60)', { nullable: false })]);
    const { ops, renames, renameHints, destructive } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(ops).toEqual([
      new AlterColumnOp('author', 'fullName', {
        type: 'varchar(80)',
        existingType: 'varchar(60)',
        existingNullable: false,
        existingServerDefault: null,
        existingComment: null,
        newColumnName: 'full_name',
      }),
    ]);
    expect(renames.map((r) => [r.kind, r.table, r.from, r.to, r.op])).toEqual([['column', 'author', 'fullName', 'full_name', ops[0]]]);
    expect(renameHints).toEqual([]);
    expect(destructive).toEqual([]);
    // The downgrade renames it back.
    expect((ops[0] as AlterColumnOp).reverse()).toMatchObject({
      columnName: 'full_name',
      options: { newColumnName: 'fullName', type: 'varchar(60)' },
    });
  });

  it('without the evidence, drops and adds, and only hints at a rename', () => {
    const meta = table('author', [id(), col('full_name', 'varchar(60)')]);
    const db = table('author', [id(), col('fullName', 'varchar(60)')]);
    const { ops, renames, renameHints } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(kinds(ops)).toEqual(['AddColumnOp', 'DropColumnOp']);
    expect(renames).toEqual([]);
    expect(renameHints.map((h) => [h.from, h.to])).toEqual([['fullName', 'full_name']]);
  });

  it('renames a table the entity now names, first, then compares it under its new name', () => {
    const meta = table('writers', [id(), col('name', 'text')], { defaultName: 'author' });
    const db = table('author', [id()]);
    const { ops, renames } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(kinds(ops)).toEqual(['RenameTableOp', 'AddColumnOp']);
    expect(ops[0]).toEqual(new RenameTableOp('author', 'writers', {}));
    expect((ops[1] as AddColumnOp).tableName).toBe('writers');
    expect(renames.map((r) => [r.kind, r.from, r.to])).toEqual([['table', 'author', 'writers']]);
  });

  it('renames nothing when two entities claim the same old name, or the old table is still claimed', () => {
    const twice = [table('writers', [id()], { defaultName: 'author' }), table('poets', [id()], { defaultName: 'author' })];
    expect(kinds(compareSchemas(schema('postgres', twice), schema('postgres', [table('author', [id()])])).ops)).toEqual([
      'CreateTableOp',
      'CreateTableOp',
      'DropTableOp',
    ]);
    const stillThere = [table('writers', [id()], { defaultName: 'author' }), table('author', [id()])];
    expect(kinds(compareSchemas(schema('postgres', stillThere), schema('postgres', [table('author', [id()])])).ops)).toEqual([
      'CreateTableOp',
    ]);
  });
});
