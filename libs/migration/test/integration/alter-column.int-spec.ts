import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { upgrade } from '../../src/commands/upgrade';
import { runWithClient } from '../support/sql-client';
import { recorder, withDataSource } from '../support/recording';

// `posts` has an AUTO_INCREMENT key, a column with a default and a comment, and a NOT NULL one with a default.
const CREATE = `  await op.createTable('posts', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'title', type: 'varchar(50)', nullable: false, serverDefault: 'untitled', comment: 'the title' },
    { name: 'views', type: 'integer', nullable: false, serverDefault: 0 },
  ]);
  await op.bulkInsert('posts', [{ title: 'first', views: 3 }]);`;

// Each change says nothing of the rest of the column, which MySQL's MODIFY / CHANGE must re-state (from the live
// column); PostgreSQL alters only what changes; SQLite recreates the table. The rename goes through a batch everywhere.
const TERSE = `  if (op.dialect === 'sqlite') {
    await op.batchAlterTable('posts', async (batch) => {
      await batch.alterColumn('title', { type: 'varchar(200)' });
      await batch.alterColumn('id', { type: 'bigint' });
    });
  } else {
    await op.alterColumn('posts', 'title', { type: 'varchar(200)' });
    await op.alterColumn('posts', 'id', { type: 'bigint' });
  }
  await op.batchAlterTable('posts', async (batch) => {
    await batch.alterColumn('views', { newColumnName: 'hits' });
  });`;

// The same changes with every existing* argument, as a --sql run on MySQL needs them.
const COMPLETE = `  await op.alterColumn('posts', 'title', { type: 'varchar(200)', existingNullable: false, existingServerDefault: 'untitled', existingComment: 'the title' });
  await op.alterColumn('posts', 'id', { type: 'bigint', existingNullable: false, existingServerDefault: null, existingComment: null, existingAutoincrement: true });
  await op.alterColumn('posts', 'views', { newColumnName: 'hits', existingType: 'integer', existingNullable: false, existingServerDefault: 0,
    existingComment: null, existingAutoincrement: false });`;

const column = (name: string, type: string, changes: Record<string, unknown> = {}) => ({
  name,
  type,
  length: '',
  nullable: false,
  default: null,
  comment: null,
  generated: false,
  ...changes,
});

/** `posts` after the changes, as TypeORM reads each dialect (SQLite has no comments, and its AUTOINCREMENT key stays INTEGER). */
const EXPECTED: Record<string, unknown> = {
  sqlite: {
    columns: [
      column('id', 'integer', { generated: true, comment: '' }),
      column('title', 'varchar', { length: '200', default: "'untitled'", comment: '' }),
      column('hits', 'integer', { default: '0', comment: '' }),
    ],
    rows: [{ id: 1, title: 'first', hits: 3 }],
  },
  postgres: {
    columns: [
      column('id', 'bigint', { generated: true }),
      column('title', 'character varying', { length: '200', default: "'untitled'", comment: 'the title' }),
      column('hits', 'integer', { default: "'0'" }),
    ],
    rows: [{ id: '1', title: 'first', hits: 3 }],
  },
  mysql: {
    columns: [
      column('id', 'bigint', { generated: true }),
      column('title', 'varchar', { length: '200', default: "''untitled''", comment: 'the title' }),
      column('hits', 'int', { default: "'0'" }),
    ],
    rows: [{ id: '1', title: 'first', hits: 3 }],
  },
};

function revisionFile(id: string, down: string | null, body: string): string {
  return `import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels = null;
export const dependsOn = null;

export async function upgrade(op: MigrationOps): Promise<void> {
${body}
}

export async function downgrade(): Promise<void> {
  throw new Error('not needed');
}
`;
}

/** `posts` as TypeORM reads it, and its rows. */
async function columns(url: string): Promise<unknown> {
  return withDataSource(url, async (ds) => {
    const runner = ds.createQueryRunner();
    try {
      const table = await runner.getTable('posts');
      return {
        columns: table?.columns.map((c) => ({
          name: c.name,
          type: c.type,
          length: c.length,
          nullable: c.isNullable,
          default: c.default ?? null,
          comment: c.comment ?? null,
          generated: c.isGenerated,
        })),
        rows: JSON.parse(JSON.stringify(await ds.query('SELECT * FROM posts'))),
      };
    } finally {
      await runner.release();
    }
  });
}

// Each test creates and drops databases of its own, which takes more than Jest's default 5 s under load.
jest.setTimeout(60_000);

for (const dialect of dialectsUnderTest()) {
  describe(`alterColumn on ${dialect}`, () => {
    const cleanup: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const clean of cleanup) await clean();
    });

    const setUp = async (body: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-alter-column-'));
      fs.mkdirSync(path.join(dir, 'versions'));
      fs.writeFileSync(path.join(dir, 'versions', 'a1a1_create.ts'), revisionFile('a1a1', null, CREATE));
      fs.writeFileSync(path.join(dir, 'versions', 'b2b2_alter.ts'), revisionFile('b2b2', 'a1a1', body));
      const database = await createTestDatabase(dialect, 'alter column');
      cleanup.push(
        () => database.drop(),
        async () => fs.rmSync(dir, { recursive: true, force: true }),
      );
      return { dir, database };
    };

    let expected: unknown;

    it('keeps what it does not change: default, nullability, comment and the generated key', async () => {
      const { dir, database } = await setUp(TERSE);
      await upgrade({ directory: dir, database: { url: database.url } }, 'heads');
      expected = await columns(database.url);
      expect(expected).toEqual(EXPECTED[dialect]);
    });

    if (dialect !== 'mysql') return;

    it('under --sql on mysql, where nothing can be read, refuses in one line naming the argument to pass, before writing any ALTER', async () => {
      const { dir, database } = await setUp(TERSE);
      const out = recorder();
      await expect(upgrade({ directory: dir, database: { url: database.url } }, 'a1a1:b2b2', { sql: true, output: out })).rejects.toThrow(
        `revision b2b2 (${path.join(dir, 'versions', 'b2b2_alter.ts')}) failed in upgrade: alterColumn('posts', 'title') on mysql re-states the whole column: pass existingNullable`,
      );
      expect(out.script).not.toContain('ALTER TABLE');
    });

    it('given every existing* argument, the --sql script run by mysql leaves the same columns as the online run', async () => {
      const { dir, database } = await setUp(COMPLETE);
      const out = recorder();
      await upgrade({ directory: dir, database: { url: database.url } }, 'base:heads', { sql: true, output: out });
      runWithClient(database as TestDatabase, out.script);
      expect(await columns(database.url)).toEqual(expected);
    });
  });
}
