import { AddColumnOp, AlterColumnOp, DropColumnOp } from './column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from './constraint-ops';
import { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from './enum-ops';
import { CreateIndexOp, DropIndexOp } from './index-ops';
import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import { check, Column, f, primaryKey, TableElement } from './schema-objects';
import { BulkInsertOp, ExecuteSQLOp } from './sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from './table-ops';

const NAME: Column = { name: 'name', type: 'varchar(50)', nullable: false, serverDefault: 'x' };
const ELEMENTS: TableElement[] = [{ name: 'id', type: 'integer' }, NAME, primaryKey('id'), check('id > 0', { name: 'positive' })];

/** Every invertible op, as built by a revision, and what reversing it twice must give back. */
const INVERTIBLE: [string, MigrateOperation][] = [
  ['CreateTableOp', new CreateTableOp('t', ELEMENTS, { schema: 's', comment: 'c' })],
  ['RenameTableOp', new RenameTableOp('t', 'u', { schema: 's' })],
  ['CreateTableCommentOp without an existing comment', new CreateTableCommentOp('t', 'new')],
  ['CreateTableCommentOp over an existing comment', new CreateTableCommentOp('t', 'new', { existingComment: 'old' })],
  ['AddColumnOp', new AddColumnOp('t', NAME, { schema: 's' })],
  [
    'AlterColumnOp',
    new AlterColumnOp('t', 'a', {
      type: 'text',
      existingType: 'varchar(5)',
      nullable: false,
      existingNullable: true,
      serverDefault: null,
      existingServerDefault: 'x',
      comment: 'new',
      existingComment: null,
      newColumnName: 'b',
    }),
  ],
  ['CreateEnumTypeOp', new CreateEnumTypeOp('mood', ['a', 'b'])],
  ['CreateIndexOp with a final name', new CreateIndexOp(f('by_a'), 't', ['a'], { unique: true, where: 'a > 0' })],
];

describe('reverse()', () => {
  it.each(INVERTIBLE)('%s reversed twice is itself', (_, op) => {
    expect(op.reverse().reverse()).toEqual(op);
  });

  it('CreateTableOp reverses to a DropTableOp that remembers the table', () => {
    expect(new CreateTableOp('t', ELEMENTS, { comment: 'c' }).reverse()).toEqual(
      new DropTableOp('t', { schema: undefined, existingElements: ELEMENTS, existingComment: 'c' }),
    );
  });

  it('AddColumnOp reverses to a DropColumnOp carrying the definition, and back', () => {
    const drop = new AddColumnOp('t', NAME).reverse();
    expect(drop).toEqual(new DropColumnOp('t', 'name', { schema: undefined, existingColumn: NAME }));
    expect(drop.reverse()).toEqual(new AddColumnOp('t', NAME, { schema: undefined }));
  });

  it('AlterColumnOp swaps each change with its existing value, under the new name, and forgets USING', () => {
    const op = new AlterColumnOp('t', 'a', {
      type: 'bigint',
      existingType: 'integer',
      using: 'a::bigint',
      existingNullable: false,
      newColumnName: 'b',
    });
    expect(op.reverse()).toEqual(
      new AlterColumnOp('t', 'b', {
        type: 'integer',
        existingType: 'bigint',
        using: undefined,
        existingNullable: false,
        newColumnName: 'a',
      }),
    );
  });

  it('a constraint created without a name drops by the convention, from its definition', () => {
    const fk = new CreateForeignKeyOp(null, 'post', 'user', ['author_id'], ['id'], { onDelete: 'CASCADE' });
    expect(fk.reverse()).toEqual(
      new DropConstraintOp(null, 'post', {
        schema: undefined,
        type: 'foreignkey',
        existing: {
          kind: 'foreignKey',
          columns: ['author_id'],
          referredTable: 'user',
          referredColumns: ['id'],
          name: null,
          onDelete: 'CASCADE',
        },
      }),
    );
    expect(fk.reverse().reverse()).toEqual(fk);
  });

  it.each([
    ['primary key', new CreatePrimaryKeyOp(f('pk'), 't', ['id']), 'primary'],
    ['unique', new CreateUniqueConstraintOp(f('uq'), 't', ['a']), 'unique'],
    ['check', new CreateCheckConstraintOp(f('ck'), 't', 'a > 0'), 'check'],
  ] as const)('a %s constraint with a final name drops by that name', (_, op, type) => {
    const drop = op.reverse();
    expect([drop.constraintName, drop.options.type]).toEqual([
      op.constraint.name && (op.constraint.name as { finalName: string }).finalName,
      type,
    ]);
    expect(drop.reverse()).toEqual(op);
  });

  it('a dropped constraint with its definition is recreated under exactly its name', () => {
    const drop = new DropConstraintOp('ck_t_positive', 't', { type: 'check', existing: check('id > 0') });
    expect(drop.reverse()).toEqual(new CreateCheckConstraintOp(f('ck_t_positive'), 't', 'id > 0', { schema: undefined }));
  });

  it('a dropped index with its definition is recreated under exactly its name', () => {
    const drop = new DropIndexOp('ix_t_a', 't', { existing: { kind: 'index', columns: ['a'] } });
    expect(drop.reverse()).toEqual(new CreateIndexOp(f('ix_t_a'), 't', ['a'], { schema: undefined, unique: undefined, where: undefined }));
  });

  it('DropTableCommentOp and DropEnumTypeOp come back from their existing values', () => {
    expect(new DropTableCommentOp('t', { existingComment: 'c' }).reverse()).toEqual(
      new CreateTableCommentOp('t', 'c', { schema: undefined }),
    );
    expect(new DropEnumTypeOp('mood', { existingValues: ['a'] }).reverse()).toEqual(
      new CreateEnumTypeOp('mood', ['a'], { schema: undefined }),
    );
  });

  it.each([
    [new DropTableOp('t'), "dropTable('t') cannot be reversed: pass existingElements (its columns and constraints)"],
    [new DropColumnOp('t', 'a'), "dropColumn('t', 'a') cannot be reversed: pass existingColumn (its definition)"],
    [
      new AlterColumnOp('t', 'a', { nullable: true }),
      "alterColumn('t', 'a') cannot be reversed: it changes nullable, so pass existingNullable",
    ],
    [
      new AlterColumnOp('t', 'a', { type: 'text', existingType: 'int', serverDefault: 'x' }),
      "alterColumn('t', 'a') cannot be reversed: it changes serverDefault, so pass existingServerDefault",
    ],
    [new DropConstraintOp('uq', 't'), "dropConstraint('uq', 't') cannot be reversed: pass existing (its definition)"],
    [new DropIndexOp('ix', 't'), "dropIndex('ix') cannot be reversed: pass its table and existing (its definition)"],
    [new DropTableCommentOp('t'), "dropTableComment('t') cannot be reversed: pass existingComment"],
    [new DropEnumTypeOp('mood'), "dropEnumType('mood') cannot be reversed: pass existingValues"],
    [
      new AddEnumValueOp('mood', 'c'),
      "addEnumValue('mood', 'c') cannot be reversed: PostgreSQL cannot remove a value from an enum; recreate the type in the downgrade",
    ],
    [
      new ExecuteSQLOp('DELETE FROM t'),
      'execute() cannot be reversed: the inverse of hand-written SQL is not known; write the downgrade by hand',
    ],
    [new BulkInsertOp('t', []), "bulkInsert('t') cannot be reversed: delete the rows in the downgrade with execute()"],
  ] as const)('is not invertible without what it lacks (%#)', (op, message) => {
    expect(() => op.reverse()).toThrow(NotInvertibleError);
    expect(() => op.reverse()).toThrow(message);
  });
});
