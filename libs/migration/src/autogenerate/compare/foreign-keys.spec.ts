import { CreateForeignKeyOp, DropConstraintOp } from '../../operations/constraint-ops';
import { f } from '../../operations/schema-objects';
import type { ForeignKeyModel } from '../../dialects/schema-model';
import { compareSchemas } from './compare-schemas';
import { col, fk, id, kinds, schema, table } from './testing';

const parent = table('parent', [id()]);
const child = (foreignKeys: ForeignKeyModel[]) => table('child', [id(), col('parent_id')], { foreignKeys });

describe('foreign keys', () => {
  it('adds a foreign key with its actions', () => {
    const { ops } = compareSchemas(
      schema('postgres', [parent, child([fk('child', 'parent_id', 'parent', { onDelete: 'SET NULL' })])]),
      schema('postgres', [parent, child([])]),
    );
    expect(ops).toEqual([
      new CreateForeignKeyOp(f('fk_child_parent_id_parent'), 'child', 'parent', ['parent_id'], ['id'], { onDelete: 'SET NULL' }),
    ]);
  });

  it('drops a foreign key, carrying it so the drop reverses', () => {
    const { ops } = compareSchemas(
      schema('postgres', [parent, child([])]),
      schema('postgres', [parent, child([fk('child', 'parent_id', 'parent')])]),
    );
    expect(ops).toEqual([
      new DropConstraintOp('fk_child_parent_id_parent', 'child', {
        type: 'foreignkey',
        existing: {
          kind: 'foreignKey',
          columns: ['parent_id'],
          referredTable: 'parent',
          referredColumns: ['id'],
          name: f('fk_child_parent_id_parent'),
        },
      }),
    ]);
    expect(ops[0].reverse()).toBeInstanceOf(CreateForeignKeyOp);
  });

  it('matches by columns and referred table, whatever the names (SQLite keys may be unnamed)', () => {
    const unnamed = { ...fk('child', 'parent_id', 'parent'), name: undefined };
    expect(
      compareSchemas(schema('sqlite', [parent, child([fk('child', 'parent_id', 'parent')])]), schema('sqlite', [parent, child([unnamed])]))
        .ops,
    ).toEqual([]);
  });

  it('replaces a key whose ON DELETE changed: drop first, create last', () => {
    const { ops } = compareSchemas(
      schema('postgres', [parent, child([fk('child', 'parent_id', 'parent', { onDelete: 'CASCADE' })])]),
      schema('postgres', [parent, child([fk('child', 'parent_id', 'parent')])]),
    );
    expect(kinds(ops)).toEqual(['DropConstraintOp', 'CreateForeignKeyOp']);
  });

  it('takes MySQL RESTRICT for NO ACTION', () => {
    expect(
      compareSchemas(
        schema('mysql', [parent, child([fk('child', 'parent_id', 'parent')])]),
        schema('mysql', [parent, child([fk('child', 'parent_id', 'parent', { onDelete: 'RESTRICT' })])]),
      ).ops,
    ).toEqual([]);
  });

  it('creates a key into a new table after creating that table, and after adding its column', () => {
    const meta = table('child', [id(), col('other_id')], { foreignKeys: [fk('child', 'other_id', 'other')] });
    const { ops } = compareSchemas(schema('postgres', [meta, table('other', [id()])]), schema('postgres', [table('child', [id()])]));
    expect(kinds(ops)).toEqual(['CreateTableOp', 'AddColumnOp', 'CreateForeignKeyOp']);
  });
});
