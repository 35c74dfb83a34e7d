import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { sqlText } from '../../operations/schema-objects';
import { compareSchemas } from './compare-schemas';
import { col, id, kinds, schema, table } from './testing';

const compare = (
  dialect: 'postgres' | 'mysql' | 'sqlite',
  metadataColumns: ReturnType<typeof col>[],
  databaseColumns: ReturnType<typeof col>[],
  options = {},
) =>
  compareSchemas(
    schema(dialect, [table('t', [id(), ...metadataColumns])]),
    schema(dialect, [table('t', [id(), ...databaseColumns])]),
    options,
  );

describe('columns', () => {
  it('adds a new column with its definition', () => {
    const { ops, notes } = compare('postgres', [col('title', 'varchar(50)', { nullable: false, serverDefault: "''", comment: 'c' })], []);
    expect(ops).toEqual([
      new AddColumnOp('t', { name: 'title', type: 'varchar(50)', nullable: false, serverDefault: sqlText("''"), comment: 'c' }),
    ]);
    expect(notes).toEqual([]);
  });

  it('adds a NOT NULL column without a default as it is (the DESTRUCTIVE marker says what it risks), with no note', () => {
    const { ops, notes } = compare('postgres', [col('n', 'integer', { nullable: false })], []);
    expect(ops).toEqual([new AddColumnOp('t', { name: 'n', type: 'integer', nullable: false })]);
    expect(notes).toEqual([]);
  });

  it('drops a removed column carrying its definition, and flags it destructive', () => {
    const { ops, destructive } = compare('postgres', [], [col('old', 'text', { serverDefault: "'x'::text" })]);
    expect(ops).toHaveLength(1);
    const op = ops[0] as DropColumnOp;
    expect(op.reverse()).toEqual(new AddColumnOp('t', { name: 'old', type: 'text', nullable: true, serverDefault: sqlText("'x'::text") }));
    expect(destructive).toEqual([{ kind: 'drop-column', table: 't', column: 'old', message: 'Dropping column t.old loses its data' }]);
  });

  it('alters a type with every existing value filled, and no USING for a widening', () => {
    const { ops, destructive } = compare('postgres', [col('title', 'varchar(100)')], [col('title', 'varchar(50)', { comment: 'c' })]);
    expect(ops).toEqual([
      new AlterColumnOp('t', 'title', {
        type: 'varchar(100)',
        existingType: 'varchar(50)',
        existingNullable: true,
        existingServerDefault: null,
        comment: null,
        existingComment: 'c',
      }),
    ]);
    expect(destructive).toEqual([]);
    expect((ops[0] as AlterColumnOp).reverse().options).toMatchObject({ type: 'varchar(50)', existingType: 'varchar(100)', comment: 'c' });
  });

  it('flags a narrowing type change destructive', () => {
    const { destructive } = compare('postgres', [col('title', 'varchar(20)')], [col('title', 'text')]);
    expect(destructive).toEqual([
      {
        kind: 'narrow-type',
        table: 't',
        column: 'title',
        from: 'text',
        to: 'varchar(20)',
        message: 'Changing t.title from text to varchar(20): longer values are cut or rejected',
      },
    ]);
  });

  it('gives PostgreSQL a USING cast only when the family changes into a non-string type', () => {
    const [op] = compare('postgres', [col('n', 'integer', { rawType: 'INTEGER' })], [col('n', 'varchar(10)')]).ops as AlterColumnOp[];
    expect(op.options.using).toBe('"n"::INTEGER');
    const [toText] = compare('postgres', [col('n', 'text')], [col('n', 'integer')]).ops as AlterColumnOp[];
    expect(toText.options.using).toBeUndefined();
    const [onMysql] = compare('mysql', [col('n', 'integer')], [col('n', 'varchar(10)')]).ops as AlterColumnOp[];
    expect(onMysql.options.using).toBeUndefined();
  });

  it('restates MySQL autoincrement in an alter', () => {
    const meta = table('t', [col('id', 'bigint', { nullable: false, autoincrement: true })]);
    const db = table('t', [col('id', 'integer', { nullable: false, autoincrement: true })]);
    const [op] = compareSchemas(schema('mysql', [meta]), schema('mysql', [db])).ops as AlterColumnOp[];
    expect(op.options).toMatchObject({ type: 'bigint', existingType: 'integer', existingAutoincrement: true });
    const [plain] = compare('mysql', [col('n', 'bigint')], [col('n', 'integer')]).ops as AlterColumnOp[];
    expect(plain.options).toMatchObject({ type: 'bigint', existingType: 'integer', existingAutoincrement: false });
  });

  it('sees the types each dialect reports for a portable type as the same', () => {
    expect(compare('sqlite', [col('j', 'json'), col('u', 'uuid')], [col('j', 'text'), col('u', 'char(36)')]).ops).toEqual([]);
    expect(
      compare(
        'mysql',
        [col('u', 'uuid'), col('d', 'numeric'), col('f', 'float')],
        [col('u', 'char(36)'), col('d', 'numeric(10,0)'), col('f', 'float')],
      ).ops,
    ).toEqual([]);
    expect(compare('postgres', [col('t', 'timestamp')], [col('t', 'timestamp')]).ops).toEqual([]);
  });

  it('leaves types alone with compareType false, or as a function decides', () => {
    expect(compare('postgres', [col('n', 'bigint')], [col('n', 'integer')], { compareType: false }).ops).toEqual([]);
    expect(compare('postgres', [col('n', 'bigint')], [col('n', 'integer')], { compareType: () => false }).ops).toEqual([]);
    expect(
      compare('postgres', [col('n', 'integer')], [col('n', 'integer')], { compareType: (d: { name: string }) => d.name === 'n' }).ops,
    ).toHaveLength(1);
    expect(compare('postgres', [col('n', 'bigint')], [col('n', 'integer')], { compareType: () => undefined }).ops).toHaveLength(1);
  });

  it('alters nullability', () => {
    const [op] = compare('postgres', [col('n', 'integer', { nullable: false })], [col('n')]).ops as AlterColumnOp[];
    expect(op.options).toEqual({
      nullable: false,
      existingType: 'integer',
      existingNullable: true,
      existingServerDefault: null,
      existingComment: null,
    });
  });

  it('compares server defaults unless turned off, ignoring casts, quotes and spellings of now', () => {
    const meta = [
      col('s', 'varchar(10)', { serverDefault: "'draft'" }),
      col('at', 'timestamp', { serverDefault: 'CURRENT_TIMESTAMP' }),
      col('n', 'integer', { serverDefault: '0' }),
    ];
    const db = [
      col('s', 'varchar(10)', { serverDefault: "'draft'::character varying" }),
      col('at', 'timestamp', { serverDefault: 'now()' }),
      col('n', 'integer', { serverDefault: '(0)' }),
    ];
    expect(compare('postgres', meta, db).ops).toEqual([]);
    const changed = [col('s', 'varchar(10)', { serverDefault: "'final'" })];
    expect(compare('postgres', changed, [db[0]], { compareServerDefault: false }).ops).toEqual([]);
    const [op] = compare('postgres', changed, [db[0]]).ops as AlterColumnOp[];
    expect(op.options).toMatchObject({ serverDefault: sqlText("'final'"), existingServerDefault: sqlText("'draft'::character varying") });
  });

  it('drops a server default the entity no longer has', () => {
    const [op] = compare('mysql', [col('n')], [col('n', 'integer', { serverDefault: '1' })], { compareServerDefault: true })
      .ops as AlterColumnOp[];
    expect(op.options).toMatchObject({ serverDefault: null, existingServerDefault: sqlText('1') });
  });

  it('treats 1/0 and true/false as the same boolean default', () => {
    expect(
      compare('sqlite', [col('b', 'boolean', { serverDefault: '1' })], [col('b', 'boolean', { serverDefault: 'true' })], {
        compareServerDefault: true,
      }).ops,
    ).toEqual([]);
  });

  it('lets a compareServerDefault function decide, or fall back when it returns undefined', () => {
    const meta = [col('s', 'text', { serverDefault: "'a'" })];
    const db = [col('s', 'text', { serverDefault: "'b'" })];
    expect(compare('postgres', meta, db, { compareServerDefault: () => false }).ops).toEqual([]);
    const seen: unknown[] = [];
    const fallback = compare('postgres', meta, db, {
      compareServerDefault: (_d: unknown, _m: unknown, dbDefault: string, metaDefault: string) => {
        seen.push([dbDefault, metaDefault]);
        return undefined;
      },
    });
    expect(fallback.ops).toHaveLength(1);
    expect(seen).toEqual([["'b'", "'a'"]]);
  });

  it('alters a column comment, but not on SQLite', () => {
    const [op] = compare('mysql', [col('n', 'integer', { comment: 'new' })], [col('n', 'integer', { comment: 'old' })])
      .ops as AlterColumnOp[];
    expect(op.options).toMatchObject({ comment: 'new', existingComment: 'old' });
    expect(compare('sqlite', [col('n', 'integer', { comment: 'new' })], [col('n')]).ops).toEqual([]);
  });

  it('orders adds and alters before drops, and hints a possible rename', () => {
    const { ops, renameHints } = compare(
      'postgres',
      [col('full_name', 'varchar(100)'), col('age', 'bigint')],
      [col('name', 'varchar(50)'), col('age', 'integer')],
    );
    expect(kinds(ops)).toEqual(['AddColumnOp', 'AlterColumnOp', 'DropColumnOp']);
    expect(renameHints).toEqual([
      {
        table: 't',
        from: 'name',
        to: 'full_name',
        type: 'varchar(100)',
        message:
          "t.name is dropped and t.full_name (varchar(100)) added: if this is a rename, replace both with op.alterColumn('t', 'name', { newColumnName: 'full_name' }) to keep the data",
      },
    ]);
  });

  it('hints no rename between incompatible types, and pairs each column once, same type first', () => {
    expect(compare('postgres', [col('flag', 'boolean')], [col('name', 'text')]).renameHints).toEqual([]);
    const hints = compare('postgres', [col('a2', 'text'), col('b2', 'integer')], [col('b', 'integer'), col('a', 'text')]).renameHints;
    expect(hints.map((h) => [h.from, h.to])).toEqual([
      ['b', 'b2'],
      ['a', 'a2'],
    ]);
  });
});
