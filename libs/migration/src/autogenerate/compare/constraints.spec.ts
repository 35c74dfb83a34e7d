import { CreateCheckConstraintOp, CreatePrimaryKeyOp, CreateUniqueConstraintOp, DropConstraintOp } from '../../operations/constraint-ops';
import { f } from '../../operations/schema-objects';
import { compareSchemas } from './compare-schemas';
import { col, id, kinds, schema, table } from './testing';

const columns = () => [id(), col('a', 'text'), col('b', 'text')];

describe('unique constraints', () => {
  it('adds and drops unique constraints, matched by columns', () => {
    const meta = table('t', columns(), { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] });
    const db = table('t', columns(), { uniqueConstraints: [{ name: 'uq_t_b', columns: ['b'] }] });
    const { ops } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(ops).toEqual([
      new DropConstraintOp('uq_t_b', 't', { type: 'unique', existing: { kind: 'unique', columns: ['b'], name: f('uq_t_b') } }),
      new CreateUniqueConstraintOp(f('uq_t_a'), 't', ['a']),
    ]);
  });

  it('matches an unnamed SQLite unique constraint by its columns, and notes one it cannot drop by name', () => {
    const meta = table('t', columns(), { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] });
    const db = table('t', columns(), { uniqueConstraints: [{ columns: ['a'] }, { columns: ['b'] }] });
    const { ops, notes } = compareSchemas(schema('sqlite', [meta]), schema('sqlite', [db]));
    expect(ops).toEqual([]);
    expect(notes).toEqual(['t: an unnamed unique constraint on (b) is not in the entities; drop it with op.batchAlterTable']);
  });

  it('on MySQL, takes a unique index in the database for the unique constraint it is', () => {
    const meta = table('t', columns(), { uniqueConstraints: [{ name: 'uq_t_a', columns: ['a'] }] });
    const db = table('t', columns(), { indexes: [{ name: 'uq_t_a', columns: ['a'], unique: true }] });
    expect(compareSchemas(schema('mysql', [meta]), schema('mysql', [db])).ops).toEqual([]);
    // Elsewhere a unique index is not a unique constraint.
    expect(kinds(compareSchemas(schema('postgres', [meta]), schema('postgres', [db])).ops)).toEqual([
      'DropIndexOp',
      'CreateUniqueConstraintOp',
    ]);
  });
});

describe('check constraints', () => {
  it('adds and drops named checks by name, not by their rewritten condition', () => {
    const meta = table('t', columns(), {
      checkConstraints: [
        { name: 'ck_t_a', condition: 'length(a) > 0' },
        { name: 'ck_t_same', condition: 'b <> a' },
      ],
    });
    const db = table('t', columns(), {
      checkConstraints: [{ name: 'ck_t_old', condition: 'a <> b' }, { name: 'ck_t_same', condition: '(b <> a)' }, { condition: 'unnamed' }],
    });
    const { ops } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(ops).toEqual([
      new DropConstraintOp('ck_t_old', 't', { type: 'check', existing: { kind: 'check', condition: 'a <> b', name: f('ck_t_old') } }),
      new CreateCheckConstraintOp(f('ck_t_a'), 't', 'length(a) > 0'),
    ]);
    expect(ops[0].reverse()).toEqual(new CreateCheckConstraintOp(f('ck_t_old'), 't', 'a <> b'));
  });

  it('replaces a check whose condition changed, as a drop and a create that reverse to the old condition', () => {
    const meta = table('t', columns(), {
      checkConstraints: [
        { name: 'ck_t_a', condition: 'a >= 10' },
        { name: 'ck_t_b', condition: "b IN ('x', 'y')" },
      ],
    });
    const db = table('t', columns(), {
      checkConstraints: [
        { name: 'ck_t_a', condition: 'a > 0' },
        { name: 'ck_t_b', condition: "b::text = ANY (ARRAY['x'::character varying, 'y'::character varying]::text[])" },
      ],
    });
    const { ops } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(ops).toEqual([
      new DropConstraintOp('ck_t_a', 't', { type: 'check', existing: { kind: 'check', condition: 'a > 0', name: f('ck_t_a') } }),
      new CreateCheckConstraintOp(f('ck_t_a'), 't', 'a >= 10'),
    ]);
    expect(ops[1].reverse()).toEqual(
      new DropConstraintOp('ck_t_a', 't', {
        schema: undefined,
        type: 'check',
        existing: { kind: 'check', condition: 'a >= 10', name: f('ck_t_a') },
      }),
    );
    expect(ops[0].reverse()).toEqual(new CreateCheckConstraintOp(f('ck_t_a'), 't', 'a > 0'));
  });

  it('replaces a changed check on SQLite too (batch mode makes it; the renderer says so)', () => {
    const meta = table('t', columns(), { checkConstraints: [{ name: 'ck_t_a', condition: 'a > 1' }] });
    const db = table('t', columns(), { checkConstraints: [{ name: 'ck_t_a', condition: 'a > 0' }] });
    const { ops, notes } = compareSchemas(schema('sqlite', [meta]), schema('sqlite', [db]));
    expect(kinds(ops)).toEqual(['DropConstraintOp', 'CreateCheckConstraintOp']);
    expect(notes).toEqual([]);
  });

  it('takes a check under a TypeORM-made name, or unnamed, for the convention-named one with the same condition', () => {
    const generated = { name: 'ck_t_a', condition: '"a" > 0', generatedName: true };
    const typeormMade = table('t', columns(), { checkConstraints: [{ name: 'CHK_0123456789abcdef0123456789', condition: '("a" > 0)' }] });
    const unnamed = table('t', columns(), { checkConstraints: [{ condition: '"a" > 0' }] });
    for (const db of [typeormMade, unnamed]) {
      expect(
        compareSchemas(schema('postgres', [table('t', columns(), { checkConstraints: [generated] })]), schema('postgres', [db])).ops,
      ).toEqual([]);
    }
    // A given name is the user's: the TypeORM one is replaced.
    const given = table('t', columns(), { checkConstraints: [{ name: 'ck_t_positive', condition: '"a" > 0' }] });
    expect(kinds(compareSchemas(schema('postgres', [given]), schema('postgres', [typeormMade])).ops)).toEqual([
      'DropConstraintOp',
      'CreateCheckConstraintOp',
    ]);
    // Another condition is another check.
    const other = table('t', columns(), { checkConstraints: [{ ...generated, condition: '"a" > 1' }] });
    expect(kinds(compareSchemas(schema('postgres', [other]), schema('postgres', [typeormMade])).ops)).toEqual([
      'DropConstraintOp',
      'CreateCheckConstraintOp',
    ]);
  });
});

describe('primary keys', () => {
  it('ignores names, and replaces a key whose columns changed', () => {
    const meta = table('t', columns(), { primaryKey: { name: 'pk_t', columns: ['id', 'a'] } });
    const db = table('t', columns(), { primaryKey: { name: 't_pkey', columns: ['id'] } });
    expect(compareSchemas(schema('postgres', [table('t', columns())]), schema('postgres', [{ ...db }])).ops).toEqual([]);
    const { ops } = compareSchemas(schema('postgres', [meta]), schema('postgres', [db]));
    expect(ops).toEqual([
      new DropConstraintOp('t_pkey', 't', { type: 'primary', existing: { kind: 'primaryKey', columns: ['id'], name: f('t_pkey') } }),
      new CreatePrimaryKeyOp(f('pk_t'), 't', ['id', 'a']),
    ]);
  });

  it('replaces a changed key on SQLite too, without a note (batch mode makes it)', () => {
    const meta = table('t', columns(), { primaryKey: { name: 'pk_t', columns: ['a'] } });
    const { ops, notes } = compareSchemas(schema('sqlite', [meta]), schema('sqlite', [table('t', columns())]));
    expect(kinds(ops)).toEqual(['DropConstraintOp', 'CreatePrimaryKeyOp']);
    expect(notes).toEqual([]);
  });
});
