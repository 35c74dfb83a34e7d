import { MigrationError } from '../../errors';
import { AddColumnOp, AlterColumnOp } from '../../operations/column-ops';
import { CreateForeignKeyOp, DropConstraintOp } from '../../operations/constraint-ops';
import { CreateEnumTypeOp } from '../../operations/enum-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import { BulkInsertOp } from '../../operations/sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from '../../operations/table-ops';
import { sqlText } from '../../operations/schema-objects';
import { POST_TABLE, render } from '../testing';

const my = (op: Parameters<typeof render>[1]) => render('mysql', op);

describe('MySQL SQL', () => {
  it('creates a table: AUTO_INCREMENT key, inline comments, named constraints, then indexes', () => {
    expect(my(new CreateTableOp(POST_TABLE.name, POST_TABLE.elements, { comment: 'posts' }))).toEqual([
      `CREATE TABLE \`post\` (
    \`id\` INTEGER NOT NULL AUTO_INCREMENT,
    \`title\` VARCHAR(50) NOT NULL COMMENT 'the title',
    \`author_id\` INTEGER,
    \`created\` DATETIME DEFAULT CURRENT_TIMESTAMP,
    \`slug\` TEXT DEFAULT 'it''s',
    CONSTRAINT \`pk_post\` PRIMARY KEY (\`id\`),
    CONSTRAINT \`fk_post_author_id_user\` FOREIGN KEY (\`author_id\`) REFERENCES \`user\` (\`id\`) ON DELETE CASCADE,
    CONSTRAINT \`ck_post_title_not_empty\` CHECK (length(title) > 0),
    CONSTRAINT \`uq_post_slug\` UNIQUE (\`slug\`)
) COMMENT='posts'`,
      'CREATE INDEX `ix_post_title_author_id` ON `post` (`title`, `author_id`)',
    ]);
  });

  it('renames and drops tables, and sets comments with ALTER TABLE', () => {
    expect(my(new RenameTableOp('post', 'article'))).toEqual(['ALTER TABLE `post` RENAME TO `article`']);
    expect(my(new DropTableOp('post'))).toEqual(['DROP TABLE `post`']);
    expect(my(new CreateTableCommentOp('post', 'posts'))).toEqual(["ALTER TABLE `post` COMMENT 'posts'"]);
    expect(my(new DropTableCommentOp('post'))).toEqual(["ALTER TABLE `post` COMMENT ''"]);
  });

  it('adds a column with its comment inline', () => {
    expect(
      my(new AddColumnOp('post', { name: 'active', type: 'boolean', nullable: false, serverDefault: true, comment: 'shown' })),
    ).toEqual(["ALTER TABLE `post` ADD COLUMN `active` BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'shown'"]);
  });

  it('re-states the whole column with MODIFY, from the existing* arguments', () => {
    const op = new AlterColumnOp('post', 'title', {
      type: 'varchar(80)',
      existingNullable: false,
      existingServerDefault: '',
      existingComment: 'the title',
    });
    expect(my(op)).toEqual(["ALTER TABLE `post` MODIFY `title` VARCHAR(80) NOT NULL DEFAULT '' COMMENT 'the title'"]);
    const id = { existingNullable: false, existingServerDefault: null, existingComment: null };
    expect(my(new AlterColumnOp('post', 'id', { type: 'bigint', ...id, existingAutoincrement: true }))).toEqual([
      'ALTER TABLE `post` MODIFY `id` BIGINT NOT NULL AUTO_INCREMENT',
    ]);
    expect(my(new AlterColumnOp('post', 'id', { type: 'bigint', ...id, existingAutoincrement: false }))).toEqual([
      'ALTER TABLE `post` MODIFY `id` BIGINT NOT NULL',
    ]);
  });

  it('renames a column with CHANGE, and drops its default and comment when asked', () => {
    const op = new AlterColumnOp('post', 'title', {
      newColumnName: 'headline',
      existingType: 'varchar(50)',
      nullable: true,
      serverDefault: null,
      existingServerDefault: 'x',
      comment: null,
      existingComment: 'the title',
    });
    expect(my(op)).toEqual(['ALTER TABLE `post` CHANGE `title` `headline` VARCHAR(50)']);
  });

  it('changes only a default with ALTER COLUMN, which needs no existing type', () => {
    expect(my(new AlterColumnOp('post', 'views', { serverDefault: 0 }))).toEqual(['ALTER TABLE `post` ALTER COLUMN `views` SET DEFAULT 0']);
    expect(my(new AlterColumnOp('post', 'views', { serverDefault: null }))).toEqual([
      'ALTER TABLE `post` ALTER COLUMN `views` DROP DEFAULT',
    ]);
  });

  it('names the existing* argument a MODIFY is missing: whatever it leaves out, the column would lose', () => {
    const refused = (options: ConstructorParameters<typeof AlterColumnOp>[2], argument: string) =>
      expect(() => my(new AlterColumnOp('post', 'title', options))).toThrow(
        new MigrationError(`alterColumn('post', 'title') on mysql re-states the whole column: pass ${argument}`),
      );
    refused({ nullable: false }, 'existingType');
    refused({ type: 'text' }, 'existingNullable');
    refused({ type: 'text', existingNullable: true }, 'existingServerDefault (null when it has none)');
    refused({ type: 'text', existingNullable: true, existingServerDefault: null }, 'existingComment (null when it has none)');
    refused(
      { type: 'int(11)', existingNullable: true, existingServerDefault: 0, existingComment: null },
      'existingAutoincrement (false when it is not AUTO_INCREMENT)',
    );
    refused(
      { newColumnName: 'x', existingType: 'bigint', existingNullable: true, existingServerDefault: 0, existingComment: null },
      'existingAutoincrement (false when it is not AUTO_INCREMENT)',
    );
    // What is changed needs no existing* value, and only an integer column can be AUTO_INCREMENT.
    expect(my(new AlterColumnOp('post', 'title', { type: 'text', nullable: true, serverDefault: null, comment: null }))).toEqual([
      'ALTER TABLE `post` MODIFY `title` TEXT',
    ]);
  });

  it('drops each kind of constraint with its own clause', () => {
    expect(my(new DropConstraintOp('pk_post', 'post', { type: 'primary' }))).toEqual(['ALTER TABLE `post` DROP PRIMARY KEY']);
    expect(my(new DropConstraintOp('fk_post_author_id_user', 'post', { type: 'foreignkey' }))).toEqual([
      'ALTER TABLE `post` DROP FOREIGN KEY `fk_post_author_id_user`',
    ]);
    expect(my(new DropConstraintOp('uq_post_slug', 'post', { type: 'unique' }))).toEqual(['ALTER TABLE `post` DROP INDEX `uq_post_slug`']);
    expect(my(new DropConstraintOp('ck_post_positive', 'post', { type: 'check' }))).toEqual([
      'ALTER TABLE `post` DROP CONSTRAINT `ck_post_positive`',
    ]);
    expect(my(new CreateForeignKeyOp(null, 'post', 'user', ['author_id'], ['id']).reverse())).toEqual([
      'ALTER TABLE `post` DROP FOREIGN KEY `fk_post_author_id_user`',
    ]);
  });

  it('drops an index ON its table, and says so when the table is missing', () => {
    expect(my(new DropIndexOp('ix_post_slug', 'post'))).toEqual(['DROP INDEX `ix_post_slug` ON `post`']);
    expect(() => my(new DropIndexOp('ix_post_slug', undefined))).toThrow("dropIndex('ix_post_slug') on mysql needs the index's table");
    expect(() => my(new CreateIndexOp(null, 'post', ['slug'], { where: 'x' }))).toThrow('mysql has no partial indexes');
  });

  it('escapes backslashes in literals', () => {
    expect(my(new BulkInsertOp('post', [{ title: 'a\\b', ok: false }]))).toEqual([
      "INSERT INTO `post` (`title`, `ok`) VALUES ('a\\\\b', FALSE)",
    ]);
  });

  it('writes ON UPDATE, and keeps it when MODIFY re-states the column', () => {
    const updated = {
      name: 'updated_at',
      type: 'timestamp(6)',
      nullable: false,
      serverDefault: sqlText('CURRENT_TIMESTAMP(6)'),
      onUpdate: 'CURRENT_TIMESTAMP(6)',
    };
    expect(my(new AddColumnOp('post', updated))).toEqual([
      'ALTER TABLE `post` ADD COLUMN `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)',
    ]);
    const commented = new AlterColumnOp('post', 'updated_at', {
      comment: 'last change',
      existingType: 'timestamp(6)',
      existingNullable: false,
      existingServerDefault: sqlText('CURRENT_TIMESTAMP(6)'),
      existingOnUpdate: 'CURRENT_TIMESTAMP(6)',
    });
    expect(my(commented)).toEqual([
      "ALTER TABLE `post` MODIFY `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) COMMENT 'last change'",
    ]);
    const dropped = new AlterColumnOp('post', 'updated_at', {
      onUpdate: null,
      existingOnUpdate: 'CURRENT_TIMESTAMP(6)',
      existingType: 'timestamp(6)',
      existingNullable: false,
      existingServerDefault: null,
      existingComment: null,
    });
    expect(my(dropped)).toEqual(['ALTER TABLE `post` MODIFY `updated_at` DATETIME(6) NOT NULL']);
    expect(dropped.reverse().options).toMatchObject({ onUpdate: 'CURRENT_TIMESTAMP(6)', existingOnUpdate: null });
  });

  it('refuses schemas and PostgreSQL enum types, naming the dialect', () => {
    expect(() => my(new DropTableOp('post', { schema: 'app' }))).toThrow(
      "The schema argument ('app' for post) is supported on postgres only, not on mysql",
    );
    expect(() => my(new CreateEnumTypeOp('mood', ['a']))).toThrow(
      "mysql cannot create or alter the enum type mood; enum types are PostgreSQL's; on mysql write the column type as enum('a','b')",
    );
  });
});

describe('mysql: what it has no syntax for', () => {
  it('refuses deferrable foreign keys and concurrent indexes with one line', () => {
    expect(() => my(new CreateForeignKeyOp(null, 'post', 'user', ['author_id'], ['id'], { deferrable: true }))).toThrow(
      'mysql cannot make a foreign key to user DEFERRABLE; drop the deferrable option there',
    );
    expect(() => my(new CreateIndexOp(null, 'post', ['slug'], { concurrently: true }))).toThrow(
      'mysql cannot create index post CONCURRENTLY; drop the concurrently option there',
    );
  });
});
