import { CreateTableCommentOp, DropTableCommentOp } from '../../operations/table-ops';
import { compareSchemas } from './compare-schemas';
import { id, schema, table } from './testing';

describe('table comments', () => {
  it('sets, changes and drops a table comment, with the existing one for the downgrade', () => {
    const on = (comment?: string) => table('t', [id()], comment === undefined ? {} : { comment });
    expect(compareSchemas(schema('postgres', [on('new')]), schema('postgres', [on()])).ops).toEqual([new CreateTableCommentOp('t', 'new')]);
    expect(compareSchemas(schema('mysql', [on('new')]), schema('mysql', [on('old')])).ops).toEqual([
      new CreateTableCommentOp('t', 'new', { existingComment: 'old' }),
    ]);
    expect(compareSchemas(schema('postgres', [on()]), schema('postgres', [on('old')])).ops).toEqual([
      new DropTableCommentOp('t', { existingComment: 'old' }),
    ]);
    expect(compareSchemas(schema('mysql', [on()]), schema('mysql', [on('')])).ops).toEqual([]);
  });

  it('compares no comments on SQLite', () => {
    expect(compareSchemas(schema('sqlite', [table('t', [id()], { comment: 'x' })]), schema('sqlite', [table('t', [id()])])).ops).toEqual(
      [],
    );
  });
});
