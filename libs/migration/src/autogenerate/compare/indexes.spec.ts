import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import { f, sqlText } from '../../operations/schema-objects';
import { compareSchemas } from './compare-schemas';
import { col, fk, id, kinds, schema, table } from './testing';

const columns = () => [id(), col('a', 'text'), col('b', 'integer')];

describe('indexes', () => {
  it('adds and drops indexes by name, each reversible', () => {
    const meta = table('t', columns(), { indexes: [{ name: 'ix_t_a', columns: ['a'], unique: true, where: 'b > 0' }] });
    const db = table('t', columns(), { indexes: [{ name: 'ix_t_b', columns: ['b'], unique: false }] });
    const { ops } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(ops).toEqual([
      new DropIndexOp('ix_t_b', 't', { existing: { kind: 'index', columns: ['b'], name: f('ix_t_b') } }),
      new CreateIndexOp(f('ix_t_a'), 't', ['a'], { unique: true, where: 'b > 0' }),
    ]);
    expect(ops[0].reverse()).toEqual(new CreateIndexOp(f('ix_t_b'), 't', ['b'], { unique: undefined, where: undefined }));
  });

  it('recreates an index whose columns or uniqueness changed', () => {
    const meta = table('t', columns(), { indexes: [{ name: 'ix_t', columns: ['a', 'b'], unique: false }] });
    const db = table('t', columns(), { indexes: [{ name: 'ix_t', columns: ['a'], unique: false }] });
    expect(kinds(compareSchemas(schema('postgres', [meta]), schema('postgres', [db])).ops)).toEqual(['DropIndexOp', 'CreateIndexOp']);
    const unique = table('t', columns(), { indexes: [{ name: 'ix_t', columns: ['a'], unique: true }] });
    expect(kinds(compareSchemas(schema('postgres', [unique]), schema('postgres', [db])).ops)).toEqual(['DropIndexOp', 'CreateIndexOp']);
  });

  it('takes an index under a TypeORM-made name (IDX_, REL_) for the convention-named one with the same definition', () => {
    const generated = { name: 'ix_t_a_b', columns: ['a', 'b'], unique: false, generatedName: true };
    const typeormMade = table('t', columns(), {
      indexes: [{ name: 'IDX_0123456789abcdef0123456789', columns: ['a', 'b'], unique: false }],
    });
    expect(
      compareSchemas(schema('postgres', [table('t', columns(), { indexes: [generated] })]), schema('postgres', [typeormMade])).ops,
    ).toEqual([]);
    // A name the entity gives is kept: the index is renamed by a drop and a create.
    const given = table('t', columns(), { indexes: [{ ...generated, generatedName: undefined }] });
    expect(kinds(compareSchemas(schema('postgres', [given]), schema('postgres', [typeormMade])).ops)).toEqual([
      'DropIndexOp',
      'CreateIndexOp',
    ]);
    // So is a name that is not TypeORM's, and another definition.
    const other = table('t', columns(), { indexes: [{ name: 'by_a_b', columns: ['a', 'b'], unique: false }] });
    expect(
      kinds(compareSchemas(schema('postgres', [table('t', columns(), { indexes: [generated] })]), schema('postgres', [other])).ops),
    ).toEqual(['DropIndexOp', 'CreateIndexOp']);
    const unique = table('t', columns(), { indexes: [{ ...generated, unique: true }] });
    expect(kinds(compareSchemas(schema('postgres', [unique]), schema('postgres', [typeormMade])).ops)).toEqual([
      'DropIndexOp',
      'CreateIndexOp',
    ]);
  });

  it('reads a predicate PostgreSQL rewrote as the same', () => {
    const meta = table('t', columns(), { indexes: [{ name: 'ix_t', columns: ['a'], unique: false, where: '"b" > 0' }] });
    const db = table('t', columns(), { indexes: [{ name: 'ix_t', columns: ['a'], unique: false, where: '(b > 0)' }] });
    expect(compareSchemas(schema('postgres', [meta]), schema('postgres', [db])).ops).toEqual([]);
  });

  it('keeps expression indexes as SQL text', () => {
    const db = table('t', columns(), { indexes: [{ name: 'ix_lower', columns: [null], expressions: ['lower(a)'], unique: false }] });
    const [op] = compareSchemas(schema('postgres', [table('t', columns())]), schema('postgres', [db])).ops as DropIndexOp[];
    expect(op.options.existing?.columns).toEqual([sqlText('lower(a)')]);
  });

  it('on MySQL, matches a unique index by its columns when none has its name', () => {
    const meta = table('t', columns(), { indexes: [{ name: 'ix_t_a', columns: ['a'], unique: true }] });
    const db = table('t', columns(), { indexes: [{ name: 'uq_t_a', columns: ['a'], unique: true }] });
    expect(compareSchemas(schema('mysql', [meta]), schema('mysql', [db])).ops).toEqual([]);
    // Elsewhere a unique index and a unique constraint differ, so names decide.
    expect(kinds(compareSchemas(schema('postgres', [meta]), schema('postgres', [db])).ops)).toEqual(['DropIndexOp', 'CreateIndexOp']);
    // A non-unique index, or one over other columns, is still a different index.
    const other = table('t', columns(), { indexes: [{ name: 'uq_t_a', columns: ['a', 'b'], unique: true }] });
    expect(kinds(compareSchemas(schema('mysql', [meta]), schema('mysql', [other])).ops)).toEqual(['DropIndexOp', 'CreateIndexOp']);
    const plain = table('t', columns(), { indexes: [{ name: 'ix_t_a', columns: ['a'], unique: false }] });
    const plainDb = table('t', columns(), { indexes: [{ name: 'ix_other', columns: ['a'], unique: false }] });
    expect(kinds(compareSchemas(schema('mysql', [plain]), schema('mysql', [plainDb])).ops)).toEqual(['DropIndexOp', 'CreateIndexOp']);
  });

  it('ignores the index MySQL made for a foreign key', () => {
    const foreignKeys = [fk('t', 'b', 'p')];
    const p = table('p', [id()]);
    const meta = table('t', columns(), { foreignKeys });
    const db = table('t', columns(), {
      foreignKeys,
      indexes: [
        { name: 'fk_t_b_p', columns: ['b'], unique: false },
        { name: 'ix_other', columns: ['a'], unique: false },
      ],
    });
    const { ops } = compareSchemas(schema('mysql', [p, meta]), schema('mysql', [p, db]));
    expect(ops).toEqual([new DropIndexOp('ix_other', 't', { existing: { kind: 'index', columns: ['a'], name: f('ix_other') } })]);
    // PostgreSQL makes no such index, so there it is the user's and is dropped.
    expect(compareSchemas(schema('postgres', [p, meta]), schema('postgres', [p, db])).ops).toHaveLength(2);
  });
});
