import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Table } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { downgrade } from '../../src/commands/downgrade';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { runWithClient } from '../support/sql-client';
import { recorder, withDataSource } from '../support/recording';

// Revisions build constraints with the helpers; they are plain data, so this copy of them serves.
const HELPERS = path.resolve(__dirname, '../../src/operations/schema-objects');

function revisionFile(id: string, down: string | null, upgradeBody: string, downgradeBody: string): string {
  return `import type { MigrationOps } from '@nest-migrate/migration';
import { check, foreignKey, index, primaryKey, sqlText, unique } from ${JSON.stringify(HELPERS)};

export const revision = '${id}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels = null;
export const dependsOn = null;

export async function upgrade(op: MigrationOps): Promise<void> {
${upgradeBody}
}

export async function downgrade(op: MigrationOps): Promise<void> {
${downgradeBody}
}
`;
}

/** a1 creates tables and rows, b2 changes the pre-existing `account`, c3 alters columns and constraints. */
const REVISIONS: [id: string, down: string | null, upgradeBody: string, downgradeBody: string][] = [
  [
    'a1a1',
    null,
    `  await op.createTable('author', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'name', type: 'varchar(50)', nullable: false, comment: 'display name' },
    { name: 'handle', type: 'varchar(30)', nullable: false, unique: true },
    { name: 'active', type: 'boolean', nullable: false, serverDefault: true },
    { name: 'born', type: 'date' },
    { name: 'joined', type: 'timestamp', serverDefault: sqlText('CURRENT_TIMESTAMP') },
    { name: 'seen', type: 'timestamp with time zone' },
    { name: 'balance', type: 'numeric(10,2)', nullable: false, serverDefault: 0 },
    { name: 'profile', type: 'json' },
    { name: 'token', type: 'uuid' },
    { name: 'ratio', type: 'float' },
    { name: 'bio', type: 'text' },
    { name: 'big', type: 'bigint' },
    check('balance >= 0', { name: 'balance_positive' }),
    index(['name']),
  ], { comment: 'people who write' });
  await op.createTable('book', [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'author_id', type: 'integer', nullable: false },
    { name: 'isbn', type: 'varchar(20)', nullable: false },
    primaryKey(['id']),
    foreignKey('author_id', 'author', 'id', { onDelete: 'CASCADE' }),
    unique(['author_id', 'isbn']),
    index('isbn', { unique: true, name: op.f('book_isbn_key') }),
  ]);
  await op.createTable('tag', [{ name: 'id', type: 'integer', nullable: false }, { name: 'label', type: 'varchar(20)', nullable: false }]);
  await op.bulkInsert('author', [
    { id: 1, name: "O'Brien", handle: 'ob', active: false, born: '1903-06-25', joined: new Date(Date.UTC(2020, 0, 2, 3, 4, 5)),
      seen: new Date(Date.UTC(2021, 5, 6, 7, 8, 9)), balance: 12.5, profile: { langs: ['en', 'ga'] },
      token: '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c', ratio: 0.25, bio: 'back\\\\slash and ? mark', big: 9007199254740993n },
    { id: 2, name: 'Plain', handle: 'pl', joined: new Date(Date.UTC(2022, 1, 3)) },
  ]);
  await op.bulkInsert('book', [{ id: 10, author_id: 1, isbn: '978-0' }]);
  await op.execute(\`UPDATE author SET bio = \${op.inlineLiteral("it's")} WHERE id = 2\`);`,
    `  await op.dropTable('tag');
  await op.dropTable('book');
  await op.dropTable('author');`,
  ],
  [
    'b2b2',
    'a1a1',
    `  await op.addColumn('account', { name: 'nickname', type: 'varchar(30)', serverDefault: 'anon', comment: 'shown to others' });
  await op.addColumn('account', { name: 'score', type: 'integer', nullable: false, serverDefault: 0 });
  await op.addColumn('account', { name: 'author_id', type: 'integer' });
  await op.createIndex(null, 'account', ['nickname']);
  await op.createTableComment('account', 'who logs in');
  await op.renameTable('tag', 'label');
  await op.execute('UPDATE account SET score = 1');`,
    `  await op.renameTable('label', 'tag');
  await op.dropTableComment('account', { existingComment: 'who logs in' });
  await op.dropIndex('ix_account_nickname', 'account');
  await op.dropColumn('account', 'author_id');
  await op.dropColumn('account', 'score');
  await op.dropColumn('account', 'nickname');`,
  ],
  [
    'c3c3',
    'b2b2',
    `  await op.alterColumn('account', 'email', { newColumnName: 'email_address', existingType: 'varchar(100)', existingNullable: false,
    existingServerDefault: null, existingComment: null });
  if (op.dialect !== 'sqlite') {
    await op.alterColumn('account', 'nickname', { type: 'varchar(60)', existingType: 'varchar(30)', nullable: false, existingNullable: true,
      serverDefault: 'someone', existingServerDefault: 'anon', existingComment: 'shown to others' });
    await op.alterColumn('account', 'nickname', { comment: 'public name', existingComment: 'shown to others', existingType: 'varchar(60)',
      existingNullable: false, existingServerDefault: 'someone' });
    await op.alterColumn('account', 'score', { type: 'bigint', existingType: 'integer', existingNullable: false, existingServerDefault: 0,
      existingComment: null, existingAutoincrement: false, using: 'score::bigint' });
    await op.alterColumn('account', 'score', { serverDefault: 5, existingServerDefault: 0, existingType: 'bigint', existingNullable: false });
    await op.createPrimaryKey(null, 'label', ['id']);
    await op.createForeignKey(null, 'account', 'author', ['author_id'], ['id'], { onDelete: 'SET NULL' });
    await op.createUniqueConstraint(null, 'label', ['label']);
    await op.createCheckConstraint('score_positive', 'account', 'score >= 0');
    await op.dropConstraint('ck_author_balance_positive', 'author', { type: 'check' });
  }
  await op.dropIndex('ix_author_name', 'author');
  await op.dropColumn('author', 'bio', { existingColumn: { name: 'bio', type: 'text' } });
  await op.dropTableComment('author');
  if (op.dialect === 'postgres') {
    await op.createEnumType('mood', ['happy', 'sad']);
    await op.addEnumValue('mood', 'meh', { after: 'happy' });
    await op.addColumn('account', { name: 'mood', type: 'mood', serverDefault: 'happy' });
  }`,
    `  if (op.dialect === 'postgres') {
    await op.dropColumn('account', 'mood');
    await op.dropEnumType('mood');
  }
  await op.createTableComment('author', 'people who write');
  await op.addColumn('author', { name: 'bio', type: 'text' });
  await op.createIndex(null, 'author', ['name']);
  if (op.dialect !== 'sqlite') {
    await op.createCheckConstraint('balance_positive', 'author', 'balance >= 0');
    await op.dropConstraint('ck_account_score_positive', 'account', { type: 'check' });
    await op.dropConstraint('uq_label_label', 'label', { type: 'unique' });
    await op.dropConstraint('fk_account_author_id_author', 'account', { type: 'foreignkey' });
    await op.dropConstraint('pk_label', 'label', { type: 'primary' });
    await op.alterColumn('account', 'score', { serverDefault: 0, existingServerDefault: 5, existingType: 'bigint', existingNullable: false });
    await op.alterColumn('account', 'score', { type: 'integer', existingType: 'bigint', existingNullable: false, existingServerDefault: 0,
      existingComment: null, existingAutoincrement: false, using: 'score::integer' });
    await op.alterColumn('account', 'nickname', { comment: 'shown to others', existingComment: 'public name', existingType: 'varchar(60)',
      existingNullable: false, existingServerDefault: 'someone' });
    await op.alterColumn('account', 'nickname', { type: 'varchar(30)', existingType: 'varchar(60)', nullable: true, existingNullable: false,
      serverDefault: 'anon', existingServerDefault: 'someone', existingComment: 'shown to others' });
  }
  await op.alterColumn('account', 'email_address', { newColumnName: 'email', existingType: 'varchar(100)', existingNullable: false,
    existingServerDefault: null, existingComment: null });`,
  ],
];

const START_TABLE = 'CREATE TABLE account (id INTEGER NOT NULL, email VARCHAR(100) NOT NULL, PRIMARY KEY (id))';

/** The schema as TypeORM's QueryRunner reads it, in a comparable shape; plus PostgreSQL enum types and the authors' rows. */
async function snapshot(url: string): Promise<unknown> {
  const { dialect } = parseDatabaseUrl(url);
  return withDataSource(url, async (dataSource) => {
    const listTables = {
      sqlite: "SELECT name AS name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
      mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    }[dialect];
    const names = ((await dataSource.query(listTables)) as { name: string }[])
      .map((t) => t.name)
      .filter((n) => !n.startsWith('migration_version'));
    const runner = dataSource.createQueryRunner();
    try {
      const tables = (await runner.getTables(names)).map(describeTable).sort((a, b) => a.name.localeCompare(b.name));
      const enums =
        dialect === 'postgres'
          ? await dataSource.query(
              "SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname",
            )
          : [];
      const authors = names.includes('author') ? await dataSource.query('SELECT * FROM author ORDER BY id') : [];
      return { tables, enums, authors: JSON.parse(JSON.stringify(authors)) };
    } finally {
      await runner.release();
    }
  });
}

function describeTable(table: Table) {
  const byName = <T extends { name?: string }>(items: T[]) => [...items].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return {
    name: table.name,
    comment: table.comment ?? null,
    columns: table.columns.map((c) => ({
      name: c.name,
      type: c.type,
      length: c.length,
      precision: c.precision ?? null,
      scale: c.scale ?? null,
      nullable: c.isNullable,
      default: c.default ?? null,
      primary: c.isPrimary,
      generated: c.isGenerated,
      comment: c.comment ?? null,
      enum: c.enum ?? null,
    })),
    indices: byName(table.indices).map((i) => ({ name: i.name, columns: i.columnNames, unique: i.isUnique, where: i.where ?? null })),
    foreignKeys: byName(table.foreignKeys).map((k) => ({
      name: k.name,
      columns: k.columnNames,
      referenced: k.referencedTableName,
      referencedColumns: k.referencedColumnNames,
      onDelete: k.onDelete,
    })),
    uniques: byName(table.uniques).map((u) => ({ name: u.name, columns: u.columnNames })),
    checks: byName(table.checks).map((c) => ({ name: c.name, expression: c.expression })),
  };
}

/** What TypeORM reads at the head, per dialect: SQLite skips what it cannot ALTER, PostgreSQL adds the enum column. */
const AT_HEAD: Record<string, unknown> = {
  sqlite: {
    account: {
      comment: null,
      columns: [
        'id integer primary key not null -- ',
        'email_address varchar(100) not null -- ',
        "nickname varchar(30) default 'anon' -- ",
        'score integer not null default 0 -- ',
        'author_id integer -- ',
      ],
      indices: ['ix_account_nickname (nickname)'],
      foreignKeys: [],
      uniques: [],
      checks: [],
    },
    author: {
      comment: null,
      columns: [
        'id integer primary key generated not null -- ',
        'name varchar(50) not null -- ',
        'handle varchar(30) not null -- ',
        'active boolean not null default 1 -- ',
        'born date -- ',
        'joined timestamp default CURRENT_TIMESTAMP -- ',
        'seen timestamp -- ',
        'balance numeric not null default 0 -- ',
        'profile text -- ',
        'token char(36) -- ',
        'ratio real -- ',
        'big bigint -- ',
      ],
      indices: [],
      foreignKeys: [],
      uniques: ['uq_author_handle (handle)'],
      checks: ['ck_author_balance_positive: (balance >= 0)'],
    },
    book: {
      comment: null,
      columns: ['id integer primary key not null -- ', 'author_id integer not null -- ', 'isbn varchar(20) not null -- '],
      indices: ['book_isbn_key unique (isbn)'],
      foreignKeys: ['fk_book_author_id_author (author_id) -> author on delete CASCADE'],
      uniques: ['uq_book_author_id_isbn (author_id, isbn)'],
      checks: [],
    },
    label: {
      comment: null,
      columns: ['id integer not null -- ', 'label varchar(20) not null -- '],
      indices: [],
      foreignKeys: [],
      uniques: [],
      checks: [],
    },
  },
  postgres: {
    account: {
      comment: 'who logs in',
      columns: [
        'id integer primary key not null',
        'email_address character varying(100) not null',
        "nickname character varying(60) not null default 'someone' -- public name",
        "score bigint not null default '5'",
        'author_id integer',
        "mood enum default 'happy'",
      ],
      indices: ['ix_account_nickname (nickname)'],
      foreignKeys: ['fk_account_author_id_author (author_id) -> author on delete SET NULL'],
      uniques: [],
      checks: ['ck_account_score_positive: (score >= 0)'],
    },
    author: {
      comment: null,
      columns: [
        'id integer primary key generated not null',
        'name character varying(50) not null -- display name',
        'handle character varying(30) not null',
        'active boolean not null default true',
        'born date',
        'joined timestamp without time zone default CURRENT_TIMESTAMP',
        'seen timestamp with time zone',
        "balance numeric not null default '0'",
        'profile json',
        'token uuid',
        'ratio double precision',
        'big bigint',
      ],
      indices: [],
      foreignKeys: [],
      uniques: ['uq_author_handle (handle)'],
      checks: [],
    },
    book: {
      comment: null,
      columns: ['id integer primary key not null', 'author_id integer not null', 'isbn character varying(20) not null'],
      indices: ['book_isbn_key unique (isbn)'],
      foreignKeys: ['fk_book_author_id_author (author_id) -> author on delete CASCADE'],
      uniques: ['uq_book_author_id_isbn (author_id, isbn)'],
      checks: [],
    },
    label: {
      comment: null,
      columns: ['id integer primary key not null', 'label character varying(20) not null'],
      indices: [],
      foreignKeys: [],
      uniques: ['uq_label_label (label)'],
      checks: [],
    },
  },
  mysql: {
    account: {
      comment: 'who logs in',
      columns: [
        'id int primary key not null',
        'email_address varchar(100) not null',
        "nickname varchar(60) not null default ''someone'' -- public name",
        "score bigint not null default '5'",
        "author_id int default 'NULL'",
      ],
      indices: ['ix_account_nickname (nickname)'],
      foreignKeys: ['fk_account_author_id_author (author_id) -> author on delete SET NULL'],
      uniques: [],
      checks: [],
    },
    author: {
      comment: '',
      columns: [
        'id int primary key generated not null',
        'name varchar(50) not null -- display name',
        'handle varchar(30) not null',
        "active tinyint not null default '1'",
        "born date default 'NULL'",
        'joined datetime default CURRENT_TIMESTAMP()',
        "seen datetime default 'NULL'",
        "balance decimal not null default '0.00'",
        "profile longtext default 'NULL'",
        "token char(36) default 'NULL'",
        "ratio double default 'NULL'",
        "big bigint default 'NULL'",
      ],
      indices: ['uq_author_handle unique (handle)'],
      foreignKeys: [],
      uniques: [],
      checks: [],
    },
    book: {
      comment: '',
      columns: ['id int primary key not null', 'author_id int not null', 'isbn varchar(20) not null'],
      indices: ['book_isbn_key unique (isbn)', 'uq_book_author_id_isbn unique (author_id, isbn)'],
      foreignKeys: ['fk_book_author_id_author (author_id) -> author on delete CASCADE'],
      uniques: [],
      checks: [],
    },
    label: {
      comment: '',
      columns: ['id int primary key not null', 'label varchar(20) not null'],
      indices: ['uq_label_label unique (label)'],
      foreignKeys: [],
      uniques: [],
      checks: [],
    },
  },
};

/** The names of each table's columns (with type), indexes and constraints. */
function summary(state: unknown) {
  const { tables } = state as { tables: ReturnType<typeof describeTable>[] };
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      {
        comment: t.comment,
        columns: t.columns.map(
          (c) =>
            `${c.name} ${c.type}${c.length ? `(${c.length})` : ''}${c.primary ? ' primary key' : ''}${c.generated ? ' generated' : ''}${c.nullable ? '' : ' not null'}${c.default === null ? '' : ` default ${c.default}`}${c.comment === null ? '' : ` -- ${c.comment}`}`,
        ),
        indices: t.indices.map((i) => `${i.name}${i.unique ? ' unique' : ''} (${i.columns.join(', ')})`),
        foreignKeys: t.foreignKeys.map((k) => `${k.name} (${k.columns.join(', ')}) -> ${k.referenced} on delete ${k.onDelete}`),
        uniques: t.uniques.map((u) => `${u.name} (${u.columns.join(', ')})`),
        checks: t.checks.map((c) => `${c.name}: ${c.expression}`),
      },
    ]),
  );
}

for (const dialect of dialectsUnderTest()) {
  describe(`operations on ${dialect}`, () => {
    let online: TestDatabase;
    let offline: TestDatabase;
    let dir: string;
    let config: MigrationConfig;
    let start: unknown;
    let atHead: unknown;

    beforeAll(async () => {
      online = await createTestDatabase(dialect, 'operations');
      offline = await createTestDatabase(dialect, 'operations offline');
      for (const db of [online, offline]) await withDataSource(db.url, (ds) => ds.query(START_TABLE));
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-operations-'));
      fs.mkdirSync(path.join(dir, 'versions'));
      for (const [id, down, up, back] of REVISIONS)
        fs.writeFileSync(path.join(dir, 'versions', `${id}_ops.ts`), revisionFile(id, down, up, back));
      config = { directory: dir, database: { url: online.url } };
      start = await snapshot(online.url);
    });

    // Dropping databases takes more than Jest's default 5 s on a busy machine.
    afterAll(async () => {
      await online?.drop();
      await offline?.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('upgrades through every operation', async () => {
      await upgrade(config, 'heads');
      atHead = await snapshot(online.url);
      const { tables } = atHead as { tables: { name: string; columns: { name: string }[] }[] };
      expect(tables.map((t) => t.name)).toEqual(['account', 'author', 'book', 'label']);
      const account = tables.find((t) => t.name === 'account')!;
      expect(account.columns.map((c) => c.name)).toEqual([
        'id',
        'email_address',
        'nickname',
        'score',
        'author_id',
        ...(dialect === 'postgres' ? ['mood'] : []),
      ]);
      expect(summary(atHead)).toEqual(AT_HEAD[dialect]);
    });

    it('downgrades back to the starting schema', async () => {
      await downgrade(config, 'base');
      expect(await snapshot(online.url)).toEqual(start);
    });

    it('writes a --sql upgrade that, run by the database client, gives the schema and rows of the online run', async () => {
      const unreachable = dialect === 'sqlite' ? offline.url : `${dialect}://nobody:secret@127.0.0.1:1/none`;
      const out = recorder();
      await upgrade({ ...config, database: { url: unreachable } }, 'base:heads', { sql: true, output: out });
      runWithClient(offline, out.script);
      expect(await snapshot(offline.url)).toEqual(atHead);

      const down = recorder();
      await downgrade({ ...config, database: { url: unreachable } }, 'c3c3:base', { sql: true, output: down });
      runWithClient(offline, down.script);
      expect(await snapshot(offline.url)).toEqual(start);
    });
  });
}
