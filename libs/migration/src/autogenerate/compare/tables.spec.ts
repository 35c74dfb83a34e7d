import { CreateForeignKeyOp, DropConstraintOp } from '../../operations/constraint-ops';
import { f } from '../../operations/schema-objects';
import { CreateTableOp, DropTableOp } from '../../operations/table-ops';
import { compareSchemas } from './compare-schemas';
import { col, fk, id, kinds, schema, table } from './testing';

const user = table('user', [id(), col('email', 'varchar(100)', { nullable: false })], {
  uniqueConstraints: [{ name: 'uq_user_email', columns: ['email'] }],
  comment: 'people',
});
const post = table('post', [id(), col('user_id')], {
  foreignKeys: [fk('post', 'user_id', 'user', { onDelete: 'CASCADE' })],
  indexes: [{ name: 'ix_post_user_id', columns: ['user_id'], unique: false }],
  checkConstraints: [{ name: 'ck_post_positive', condition: 'id > 0' }],
});
const comment = table('comment', [id(), col('post_id')], { foreignKeys: [fk('comment', 'post_id', 'post')] });

describe('tables', () => {
  it('creates a new table with every element, names final', () => {
    const { ops, destructive } = compareSchemas(schema('postgres', [user]), schema('postgres', []));
    expect(ops).toHaveLength(1);
    const op = ops[0] as CreateTableOp;
    expect(op).toBeInstanceOf(CreateTableOp);
    expect(op.options).toEqual({ comment: 'people' });
    expect(op.elements).toEqual([
      { name: 'id', type: 'integer', nullable: false, primaryKey: true, autoincrement: true },
      { name: 'email', type: 'varchar(100)', nullable: false },
      { kind: 'primaryKey', columns: ['id'], name: f('pk_user') },
      { kind: 'unique', columns: ['email'], name: f('uq_user_email') },
    ]);
    expect(destructive).toEqual([]);
  });

  it('carries foreign keys, checks and indexes in the CREATE TABLE', () => {
    const { ops } = compareSchemas(schema('sqlite', [user, post]), schema('sqlite', [user]));
    const elements = (ops[0] as CreateTableOp).elements;
    expect(elements).toContainEqual({
      kind: 'foreignKey',
      columns: ['user_id'],
      referredTable: 'user',
      referredColumns: ['id'],
      name: f('fk_post_user_id_user'),
      onDelete: 'CASCADE',
    });
    expect(elements).toContainEqual({ kind: 'check', condition: 'id > 0', name: f('ck_post_positive') });
    expect(elements).toContainEqual({ kind: 'index', columns: ['user_id'], name: f('ix_post_user_id') });
  });

  it('drops a removed table carrying its definition, so the drop reverses, and flags it destructive', () => {
    const { ops, destructive } = compareSchemas(schema('postgres', []), schema('postgres', [user]));
    const op = ops[0] as DropTableOp;
    expect(op).toBeInstanceOf(DropTableOp);
    expect(op.options.existingComment).toBe('people');
    expect(op.reverse()).toEqual(compareSchemas(schema('postgres', [user]), schema('postgres', [])).ops[0]);
    expect(destructive).toEqual([{ kind: 'drop-table', table: 'user', message: 'Dropping table user loses all its rows' }]);
  });

  it('creates parents before children, whatever the names', () => {
    const { ops } = compareSchemas(schema('postgres', [comment, post, user]), schema('postgres', []));
    expect(ops.map((op) => (op as CreateTableOp).tableName)).toEqual(['user', 'post', 'comment']);
  });

  it('drops children before parents', () => {
    const { ops } = compareSchemas(schema('postgres', []), schema('postgres', [user, post, comment]));
    expect(ops.map((op) => (op as DropTableOp).tableName)).toEqual(['comment', 'post', 'user']);
  });

  it('breaks a cycle among new tables with a separate foreign key created after both', () => {
    const a = table('a', [id(), col('b_id')], { foreignKeys: [fk('a', 'b_id', 'b')] });
    const b = table('b', [id(), col('a_id')], { foreignKeys: [fk('b', 'a_id', 'a')] });
    const { ops } = compareSchemas(schema('postgres', [a, b]), schema('postgres', []));
    expect(kinds(ops)).toEqual(['CreateTableOp', 'CreateTableOp', 'CreateForeignKeyOp']);
    // a goes first without its key into b; b then refers to a in its CREATE TABLE.
    expect((ops[0] as CreateTableOp).tableName).toBe('a');
    expect((ops[0] as CreateTableOp).elements.some((e) => 'kind' in e && e.kind === 'foreignKey')).toBe(false);
    expect((ops[1] as CreateTableOp).elements.some((e) => 'kind' in e && e.kind === 'foreignKey')).toBe(true);
    expect(ops[2]).toMatchObject({ tableName: 'a', referentTable: 'b', constraintName: f('fk_a_b_id_b') });
    expect(ops[2]).toBeInstanceOf(CreateForeignKeyOp);
  });

  it('breaks a cycle among dropped tables by dropping a foreign key first', () => {
    const a = table('a', [id(), col('b_id')], { foreignKeys: [fk('a', 'b_id', 'b')] });
    const b = table('b', [id(), col('a_id')], { foreignKeys: [fk('b', 'a_id', 'a')] });
    const { ops } = compareSchemas(schema('postgres', []), schema('postgres', [a, b]));
    expect(kinds(ops)).toEqual(['DropConstraintOp', 'DropTableOp', 'DropTableOp']);
    expect((ops[0] as DropConstraintOp).constraintName).toBe('fk_a_b_id_b');
  });

  it('drops a foreign key into a dropped table before dropping the table', () => {
    const postWithout = table('post', [id(), col('user_id')]);
    const { ops } = compareSchemas(schema('postgres', [postWithout]), schema('postgres', [user, post]));
    // The foreign key, then the check and the index post no longer has, then the table.
    expect(kinds(ops)).toEqual(['DropConstraintOp', 'DropConstraintOp', 'DropIndexOp', 'DropTableOp']);
    expect((ops[0] as DropConstraintOp).options.type).toBe('foreignkey');
    expect(ops.map((op) => (op as unknown as { tableName: string }).tableName)).toEqual(['post', 'post', 'post', 'user']);
  });

  it('finds no difference between equal schemas', () => {
    expect(compareSchemas(schema('mysql', [user, post, comment]), schema('mysql', [user, post, comment])).ops).toEqual([]);
  });
});
