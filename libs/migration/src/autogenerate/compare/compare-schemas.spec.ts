import { AddEnumValueOp } from '../../operations/enum-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import { compareSchemas } from './compare-schemas';
import { col, fk, id, kinds, schema, table } from './testing';

// A database a release behind the entities: every kind of change at once.
const database = schema(
  'postgres',
  [
    table('user', [id(), col('name', 'varchar(50)')], { indexes: [{ name: 'ix_user_name', columns: ['name'], unique: false }] }),
    table('legacy', [id(), col('user_id')], { foreignKeys: [fk('legacy', 'user_id', 'user')] }),
    table('post', [id(), col('user_id'), col('body', 'text')], {
      foreignKeys: [fk('post', 'user_id', 'user'), fk('post', 'legacy_id', 'legacy')].map((k, i) =>
        i === 1 ? { ...k, columns: ['user_id'] } : k,
      ),
    }),
  ],
  { role: ['admin'] },
);
const metadata = schema(
  'postgres',
  [
    table('user', [id(), col('name', 'varchar(100)'), col('role', 'role', { enumName: 'role' })], { comment: 'people' }),
    table('post', [id(), col('user_id'), col('body', 'text'), col('topic_id')], {
      foreignKeys: [fk('post', 'user_id', 'user', { onDelete: 'CASCADE' }), fk('post', 'topic_id', 'topic')],
      indexes: [{ name: 'ix_post_topic_id', columns: ['topic_id'], unique: false }],
    }),
    table('topic', [id(), col('parent_id')], { foreignKeys: [fk('topic', 'parent_id', 'topic')] }),
  ],
  { role: ['admin', 'member'] },
);

describe('compareSchemas', () => {
  const result = compareSchemas(metadata, database);

  it('orders the ops so they apply: enums, drops of keys and indexes, new tables, columns, new indexes and keys, comments, dropped tables', () => {
    expect(kinds(result.ops)).toEqual([
      'AddEnumValueOp',
      'DropConstraintOp', // post -> user (its ON DELETE changed)
      'DropConstraintOp', // post -> legacy
      'DropIndexOp', // ix_user_name
      'CreateTableOp', // topic (refers to itself)
      'AddColumnOp', // post.topic_id
      'AlterColumnOp', // user.name (columns in the entity's order)
      'AddColumnOp', // user.role
      'CreateIndexOp', // ix_post_topic_id
      'CreateForeignKeyOp', // post -> user, ON DELETE CASCADE
      'CreateForeignKeyOp', // post -> topic
      'CreateTableCommentOp',
      'DropTableOp', // legacy
    ]);
  });

  it('reports the dropped table, and nothing narrowed', () => {
    expect(result.destructive.map((d) => d.kind)).toEqual(['drop-table']);
    expect(result.renameHints).toEqual([]);
  });

  it('reverses into a downgrade where every op but the enum label is invertible', () => {
    const downgrade: MigrateOperation[] = [];
    for (const op of [...result.ops].reverse()) {
      if (op instanceof AddEnumValueOp) continue;
      downgrade.push(op.reverse());
    }
    expect(kinds(downgrade)).toEqual([
      'CreateTableOp', // legacy, before the key into it is re-created
      'DropTableCommentOp',
      'DropConstraintOp',
      'DropConstraintOp',
      'DropIndexOp',
      'DropColumnOp',
      'AlterColumnOp',
      'DropColumnOp',
      'DropTableOp', // topic, after the key into it is dropped
      'CreateIndexOp',
      'CreateForeignKeyOp',
      'CreateForeignKeyOp',
    ]);
  });

  it('compares nothing includeName leaves out of the database, and nothing includeObject leaves out of either side', () => {
    const byName = compareSchemas(metadata, database, { includeName: (name, type) => !(type === 'table' && name === 'legacy') });
    expect(kinds(byName.ops)).not.toContain('DropTableOp');
    const seen: string[] = [];
    const byObject = compareSchemas(metadata, database, {
      includeObject: (_object, name, type, reflected) => {
        seen.push(`${type}:${name}:${reflected}`);
        return !(type === 'table' && (name === 'topic' || name === 'legacy'));
      },
    });
    expect(kinds(byObject.ops)).not.toContain('CreateTableOp');
    expect(kinds(byObject.ops)).not.toContain('DropTableOp');
    expect(seen).toContain('column:role:false');
    expect(seen).toContain('index:ix_user_name:true');
  });

  it('passes the table to includeName for the names inside it', () => {
    const calls: unknown[] = [];
    compareSchemas(metadata, database, {
      includeName: (name, type, parent) => {
        calls.push([name, type, parent]);
        return true;
      },
    });
    expect(calls).toContainEqual(['user', 'table', {}]);
    expect(calls).toContainEqual(['name', 'column', { tableName: 'user' }]);
  });

  it('finds nothing to do when the database matches', () => {
    expect(compareSchemas(metadata, metadata, { compareServerDefault: true })).toEqual({
      ops: [],
      destructive: [],
      renames: [],
      renameHints: [],
      notes: [],
    });
  });
});
