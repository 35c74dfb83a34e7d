import { AddEnumValueOp, CreateEnumTypeOp } from '../../operations/enum-ops';
import { compareSchemas } from './compare-schemas';
import { col, id, kinds, schema, table } from './testing';

const post = table('post', [id(), col('state', 'post_state', { enumName: 'post_state' })]);

describe('PostgreSQL enum types', () => {
  it('creates a new type before the table that uses it', () => {
    const { ops } = compareSchemas(schema('postgres', [post], { post_state: ['draft', 'live'] }), schema('postgres', []));
    expect(kinds(ops)).toEqual(['CreateEnumTypeOp', 'CreateTableOp']);
    expect(ops[0]).toEqual(new CreateEnumTypeOp('post_state', ['draft', 'live']));
  });

  it('adds new labels in place', () => {
    const { ops } = compareSchemas(
      schema('postgres', [post], { post_state: ['new', 'draft', 'review', 'live', 'gone'] }),
      schema('postgres', [post], { post_state: ['draft', 'live'] }),
    );
    expect(ops).toEqual([
      new AddEnumValueOp('post_state', 'new', { before: 'draft' }),
      new AddEnumValueOp('post_state', 'review', { after: 'draft' }),
      new AddEnumValueOp('post_state', 'gone', { after: 'live' }),
    ]);
  });

  it('reports a removed label instead of generating an op', () => {
    const { ops, destructive } = compareSchemas(
      schema('postgres', [post], { post_state: ['live'] }),
      schema('postgres', [post], { post_state: ['draft', 'live'] }),
    );
    expect(ops).toEqual([]);
    expect(destructive).toEqual([
      {
        kind: 'drop-enum-value',
        table: 'post_state',
        from: 'draft',
        message:
          "Enum type post_state no longer lists 'draft'; PostgreSQL cannot drop enum labels, so no operation was generated (recreate the type by hand)",
      },
    ]);
  });

  it('leaves types no entity uses alone, and compares no enums elsewhere', () => {
    expect(compareSchemas(schema('postgres', []), schema('postgres', [], { other: ['a'] })).ops).toEqual([]);
    expect(compareSchemas(schema('mysql', [], { x: ['a'] }), schema('mysql', [])).ops).toEqual([]);
  });
});
