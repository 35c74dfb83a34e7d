import { MigrationError } from '../../errors';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { CreateCheckConstraintOp, CreatePrimaryKeyOp, DropConstraintOp } from '../../operations/constraint-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import { sqlText } from '../../operations/schema-objects';
import { BulkInsertOp } from '../../operations/sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, RenameTableOp } from '../../operations/table-ops';
import { POST_TABLE, render } from '../testing';
import { UnsupportedOperationError } from '../../operations/ddl-impl';

const lite = (op: Parameters<typeof render>[1]) => render('sqlite', op);

describe('SQLite SQL', () => {
  it('creates a table: INTEGER PRIMARY KEY AUTOINCREMENT on the column, no comments', () => {
    expect(lite(new CreateTableOp(POST_TABLE.name, POST_TABLE.elements, { comment: 'posts' }))).toEqual([
      `CREATE TABLE "post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" VARCHAR(50) NOT NULL,
    "author_id" INTEGER,
    "created" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),
    "slug" TEXT DEFAULT 'it''s',
    CONSTRAINT "fk_post_author_id_user" FOREIGN KEY ("author_id") REFERENCES "user" ("id") ON DELETE CASCADE,
    CONSTRAINT "ck_post_title_not_empty" CHECK (length(title) > 0),
    CONSTRAINT "uq_post_slug" UNIQUE ("slug")
)`,
      'CREATE INDEX "ix_post_title_author_id" ON "post" ("title", "author_id")',
    ]);
  });

  it('does what ALTER TABLE can: rename a table or column, add and drop a column', () => {
    expect(lite(new RenameTableOp('post', 'article'))).toEqual(['ALTER TABLE "post" RENAME TO "article"']);
    expect(lite(new AlterColumnOp('post', 'title', { newColumnName: 'headline', comment: 'x' }))).toEqual([
      'ALTER TABLE "post" RENAME COLUMN "title" TO "headline"',
    ]);
    expect(lite(new AddColumnOp('post', { name: 'ok', type: 'boolean', nullable: false, serverDefault: false, comment: 'c' }))).toEqual([
      'ALTER TABLE "post" ADD COLUMN "ok" BOOLEAN DEFAULT 0 NOT NULL',
    ]);
    expect(lite(new AddColumnOp('post', { name: 'at', type: 'timestamp', serverDefault: sqlText("datetime('now')") }))).toEqual([
      `ALTER TABLE "post" ADD COLUMN "at" TIMESTAMP DEFAULT (datetime('now'))`,
    ]);
    expect(lite(new DropColumnOp('post', 'ok'))).toEqual(['ALTER TABLE "post" DROP COLUMN "ok"']);
  });

  it('has no comments: comment ops write nothing', () => {
    expect(lite(new CreateTableCommentOp('post', 'posts'))).toEqual([]);
    expect(lite(new DropTableCommentOp('post'))).toEqual([]);
  });

  it('creates partial indexes and drops indexes by name', () => {
    expect(lite(new CreateIndexOp(null, 'post', ['slug'], { unique: true, where: 'slug IS NOT NULL' }))).toEqual([
      'CREATE UNIQUE INDEX "ix_post_slug" ON "post" ("slug") WHERE slug IS NOT NULL',
    ]);
    expect(lite(new DropIndexOp('ix_post_slug', 'post'))).toEqual(['DROP INDEX "ix_post_slug"']);
  });

  it('writes booleans as 1 and 0', () => {
    expect(lite(new BulkInsertOp('post', [{ ok: true, no: false }]))).toEqual(['INSERT INTO "post" ("ok", "no") VALUES (1, 0)']);
  });

  it.each([
    [new AlterColumnOp('post', 'title', { type: 'text' }), 'sqlite cannot ALTER the type of column post.title'],
    [
      new AlterColumnOp('post', 'title', { nullable: true, serverDefault: 'x' }),
      'sqlite cannot ALTER the nullability, server default of column post.title',
    ],
    [new CreatePrimaryKeyOp(null, 'post', ['id']), 'sqlite cannot ADD a primary constraint to table post'],
    [new CreateCheckConstraintOp('positive', 'post', 'views >= 0'), 'sqlite cannot ADD a check constraint to table post'],
    [new DropConstraintOp('uq_post_slug', 'post'), 'sqlite cannot DROP constraint uq_post_slug of table post'],
    [new AddColumnOp('post', { name: 'code', type: 'text', unique: true }), 'sqlite cannot ADD a unique constraint to table post'],
  ])('refuses what it cannot ALTER in one line pointing to batch mode (%#)', (op, start) => {
    const error = (() => {
      try {
        lite(op);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error?.message).toBe(`${start}; use op.batchAlterTable('post', (batch) => ...), which recreates the table`);
  });

  it('refuses a schema', () => {
    expect(() => lite(new RenameTableOp('post', 'x', { schema: 'main' }))).toThrow(
      "The schema argument ('main' for post) is supported on postgres only, not on sqlite",
    );
  });
});
