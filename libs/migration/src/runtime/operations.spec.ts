import { MigrationError } from '../errors';
import { CreateForeignKeyOp } from '../operations/constraint-ops';
import { MigrateOperation } from '../operations/migrate-operation';
import type { Dialect } from '../operations/migration-ops';
import { Operations } from './operations';
import { OfflineSqlEmitter } from './sql-emitter';

function offlineOps(dialect: Dialect, namingConvention?: ConstructorParameters<typeof Operations>[3]) {
  const out = { script: '' };
  const ops = new Operations(new OfflineSqlEmitter(dialect, (text) => (out.script += text)), undefined, {}, namingConvention);
  return { ops, out };
}

describe('Operations (the op a revision receives)', () => {
  it('builds each op, renders it for the dialect and sends every statement through the emitter', async () => {
    const { ops, out } = offlineOps('postgres');
    await ops.createTable('tag', [{ name: 'id', type: 'integer', primaryKey: true }], { comment: 'tags' });
    await ops.addColumn('tag', { name: 'label', type: 'varchar(20)' });
    await ops.alterColumn('tag', 'label', { nullable: false });
    await ops.createUniqueConstraint(null, 'tag', ['label']);
    await ops.createIndex(ops.f('tag_by_label'), 'tag', ['label']);
    await ops.bulkInsert('tag', [{ id: 1, label: 'a' }]);
    await ops.execute('UPDATE tag SET label = $1', ['b']);
    await ops.dropIndex('tag_by_label');
    await ops.dropConstraint('uq_tag_label', 'tag');
    await ops.dropColumn('tag', 'label');
    await ops.renameTable('tag', 'label');
    await ops.dropTableComment('label');
    await ops.dropTable('label');
    expect(out.script).toBe(
      [
        'CREATE TABLE "tag" (\n    "id" INTEGER NOT NULL,\n    CONSTRAINT "pk_tag" PRIMARY KEY ("id")\n);',
        `COMMENT ON TABLE "tag" IS 'tags';`,
        'ALTER TABLE "tag" ADD COLUMN "label" VARCHAR(20);',
        'ALTER TABLE "tag" ALTER COLUMN "label" SET NOT NULL;',
        'ALTER TABLE "tag" ADD CONSTRAINT "uq_tag_label" UNIQUE ("label");',
        'CREATE INDEX "tag_by_label" ON "tag" ("label");',
        `INSERT INTO "tag" ("id", "label") VALUES (1, 'a');`,
        `UPDATE tag SET label = 'b';`,
        'DROP INDEX "tag_by_label";',
        'ALTER TABLE "tag" DROP CONSTRAINT "uq_tag_label";',
        'ALTER TABLE "tag" DROP COLUMN "label";',
        'ALTER TABLE "tag" RENAME TO "label";',
        'COMMENT ON TABLE "label" IS NULL;',
        'DROP TABLE "label";',
      ]
        .map((s) => `${s}\n\n`)
        .join(''),
    );
  });

  it('runs an op object, such as another op reversed', async () => {
    const { ops, out } = offlineOps('mysql');
    await ops.invoke(new CreateForeignKeyOp(null, 'post', 'user', ['author_id'], ['id']).reverse());
    expect(out.script).toBe('ALTER TABLE `post` DROP FOREIGN KEY `fk_post_author_id_user`;\n\n');
  });

  it('remembers what the revision ran, with parameters inlined, for the failure report', async () => {
    const { ops } = offlineOps('sqlite');
    await ops.addColumn('t', { name: 'a', type: 'integer' });
    await ops.execute('UPDATE t SET a = ?', [1]);
    expect(ops.statements).toEqual(['ALTER TABLE "t" ADD COLUMN "a" INTEGER', 'UPDATE t SET a = 1']);
    ops.startRevision({ path: 'versions/x.ts', functionName: 'upgrade' });
    expect(ops.statements).toEqual([]);
  });

  it('renders inline literals for the dialect', () => {
    expect(offlineOps('postgres').ops.inlineLiteral("it's")).toBe("'it''s'");
    expect(offlineOps('sqlite').ops.inlineLiteral(true)).toBe('1');
    expect(offlineOps('mysql').ops.inlineLiteral('a\\b')).toBe("'a\\\\b'");
  });

  it('names constraints by the naming convention it is given', async () => {
    const { ops, out } = offlineOps('postgres', { uq: '%(table_name)s_%(column_0_name)s_key' });
    await ops.createUniqueConstraint(null, 'tag', ['label']);
    await ops.createPrimaryKey(null, 'tag', ['id']);
    expect(out.script).toBe(
      'ALTER TABLE "tag" ADD CONSTRAINT "tag_label_key" UNIQUE ("label");\n\nALTER TABLE "tag" ADD PRIMARY KEY ("id");\n\n',
    );
  });

  it('fails with one line, writing nothing, for an op it has no implementation for', async () => {
    class MadeUpOp extends MigrateOperation {
      reverse(): MigrateOperation {
        return this;
      }
    }
    const { ops, out } = offlineOps('postgres');
    await expect(ops.invoke(new MadeUpOp())).rejects.toThrow(
      new MigrationError('No implementation for operation MadeUpOp; build ops with the classes nest-migrate exports'),
    );
    expect(out.script).toBe('');
  });

  it('writes nothing when the dialect refuses the op', async () => {
    const { ops, out } = offlineOps('sqlite');
    await expect(ops.alterColumn('t', 'a', { type: 'text' })).rejects.toThrow(
      "sqlite cannot ALTER the type of column t.a; use op.batchAlterTable('t', (batch) => ...), which recreates the table",
    );
    expect(out.script).toBe('');
  });
});

describe('op.get (providers of the Nest app)', () => {
  class Seeder {
    readonly rows = [{ id: 1 }];
  }
  const seeder = new Seeder();

  it('answers what the resolve port gives for a class, string or symbol token', () => {
    const asked: unknown[] = [];
    const ops = new Operations(new OfflineSqlEmitter('sqlite', () => undefined), undefined, {}, undefined, (token) => {
      asked.push(token);
      return seeder;
    });
    const token = Symbol('seeder');
    expect(ops.get(Seeder)).toBe(seeder);
    expect(ops.get<Seeder>('SEEDER')).toBe(seeder);
    expect(ops.get<Seeder>(token)).toBe(seeder);
    expect(asked).toEqual([Seeder, 'SEEDER', token]);
  });

  it('says the revision needs the Nest app when run without one', () => {
    const { ops } = offlineOps('sqlite');
    expect(() => ops.get(Seeder)).toThrow(
      new MigrationError(
        "op.get(Seeder) needs the Nest app's providers; run this revision through MigrationModule (the app's CLI or the Migrate service)",
      ),
    );
  });

  it('names a provider the app does not have, in one line', () => {
    const ops = new Operations(new OfflineSqlEmitter('sqlite', () => undefined), undefined, {}, undefined, () => {
      throw new Error('Nest could not find Seeder element (this provider does not exist in the current context)\n  at ...');
    });
    expect(() => ops.get<Seeder>('SEEDER')).toThrow(
      "op.get('SEEDER'): the Nest app has no provider 'SEEDER'; add it to the providers of a module the app imports",
    );
  });
});
