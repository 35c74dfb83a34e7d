import { MigrationError } from '../errors';
import { Operations } from '../runtime/operations';
import { OfflineSqlEmitter } from '../runtime/sql-emitter';
import { BatchAlterTableOp } from './batch-ops';
import { mentionsIdentifier, renameIdentifier } from '../dialects/sqlite/batch-plan';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from './column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from './constraint-ops';
import { CreateIndexOp, DropIndexOp } from './index-ops';
import type { Dialect } from './migration-ops';
import { check, f, foreignKey, index, sqlText, TableDefinition, unique } from './schema-objects';
import { render } from '../dialects/testing';

/** `post` as createTable made it: an autoincrement key, a unique, a check, a foreign key out and two indexes. */
const POST: TableDefinition = {
  columns: [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'title', type: 'varchar(50)', nullable: false },
    { name: 'slug', type: 'text' },
    { name: 'views', type: 'integer', nullable: false, serverDefault: 0 },
    { name: 'author_id', type: 'integer' },
  ],
  constraints: [
    unique(['slug']),
    check('views >= 0 AND "title" <> \'views\'', { name: 'views_positive' }),
    foreignKey('author_id', 'author', 'id', { onDelete: 'CASCADE' }),
  ],
  indexes: [index(['title']), index([sqlText('lower(slug)')], { name: f('post_slug_lower'), where: 'views > 0' })],
};

const batch = (ops: BatchAlterTableOp['ops'], options: BatchAlterTableOp['options'] = {}) =>
  new BatchAlterTableOp('post', ops, { copyFrom: POST, ...options });

/** The statements of a recreate around the two CREATE TABLEs, the copies and the indexes. */
function recreate(holding: string[], copied: [string[], string[]], created: string[], all: string[], indexes: string[]): string[] {
  const q = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
  return [
    `CREATE TABLE "_nest_migrate_tmp_post" (\n    ${holding.join(',\n    ')}\n)`,
    `INSERT INTO "_nest_migrate_tmp_post" (${q(copied[0])}) SELECT ${q(copied[1])} FROM "post"`,
    'DROP TABLE "post"',
    `CREATE TABLE "post" (\n    ${created.join(',\n    ')}\n)`,
    `INSERT INTO "post" (${q(all)}) SELECT ${q(all)} FROM "_nest_migrate_tmp_post"`,
    'DROP TABLE "_nest_migrate_tmp_post"',
    ...indexes,
  ];
}

const CONSTRAINTS = [
  'CONSTRAINT "uq_post_slug" UNIQUE ("slug")',
  `CONSTRAINT "ck_post_views_positive" CHECK (views >= 0 AND "title" <> 'views')`,
  'CONSTRAINT "fk_post_author_id_author" FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE CASCADE',
];
const INDEXES = [
  'CREATE INDEX "ix_post_title" ON "post" ("title")',
  'CREATE INDEX "post_slug_lower" ON "post" (lower(slug)) WHERE views > 0',
];
const COLUMNS = ['id', 'title', 'slug', 'views', 'author_id'];

describe('batchAlterTable on SQLite: move and copy', () => {
  it('alters a type and nullability: the rows go through a holding table into the table recreated under its own name', () => {
    expect(render('sqlite', batch([new AlterColumnOp('post', 'title', { type: 'text', nullable: true })]))).toEqual(
      recreate(
        ['"id" INTEGER', '"title" TEXT', '"slug" TEXT', '"views" INTEGER DEFAULT 0', '"author_id" INTEGER'],
        [COLUMNS, COLUMNS],
        [
          '"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT',
          '"title" TEXT',
          '"slug" TEXT',
          '"views" INTEGER DEFAULT 0 NOT NULL',
          '"author_id" INTEGER',
          ...CONSTRAINTS,
        ],
        COLUMNS,
        INDEXES,
      ),
    );
  });

  it('drops a column with the constraints and indexes on it; a new column takes its default; a rename maps the copy and follows into conditions', () => {
    const ops = [
      new DropColumnOp('post', 'slug'),
      new AddColumnOp('post', { name: 'rating', type: 'numeric(3,1)', serverDefault: 2.5 }),
      new AlterColumnOp('post', 'views', { newColumnName: 'hits', serverDefault: null }),
    ];
    const after = ['id', 'title', 'hits', 'author_id', 'rating'];
    expect(render('sqlite', batch(ops))).toEqual(
      recreate(
        ['"id" INTEGER', '"title" VARCHAR(50)', '"hits" INTEGER', '"author_id" INTEGER', '"rating" NUMERIC(3, 1) DEFAULT 2.5'],
        [
          ['id', 'title', 'hits', 'author_id'],
          ['id', 'title', 'views', 'author_id'],
        ],
        [
          '"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT',
          '"title" VARCHAR(50) NOT NULL',
          '"hits" INTEGER NOT NULL',
          '"author_id" INTEGER',
          '"rating" NUMERIC(3, 1) DEFAULT 2.5',
          `CONSTRAINT "ck_post_views_positive" CHECK ("hits" >= 0 AND "title" <> 'views')`,
          CONSTRAINTS[2],
        ],
        after,
        ['CREATE INDEX "ix_post_title" ON "post" ("title")'],
      ),
    );
  });

  it('adds and drops constraints and indexes, named by the convention as op would', () => {
    const ops = [
      new DropConstraintOp('ck_post_views_positive', 'post', { type: 'check' }),
      new DropConstraintOp(null, 'post', { existing: unique(['slug']) }),
      new CreateUniqueConstraintOp(null, 'post', ['title', 'slug']),
      new CreateCheckConstraintOp('short', 'post', 'length(title) < 50'),
      new CreateForeignKeyOp(f('post_editor'), 'post', 'author', ['views'], ['id']),
      new DropIndexOp('ix_post_title', 'post'),
      new CreateIndexOp(null, 'post', ['views'], { unique: true }),
    ];
    const created = createdTable(render('sqlite', batch(ops)));
    expect(created).toBe(
      `CREATE TABLE "post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" VARCHAR(50) NOT NULL,
    "slug" TEXT,
    "views" INTEGER DEFAULT 0 NOT NULL,
    "author_id" INTEGER,
    ${CONSTRAINTS[2]},
    CONSTRAINT "uq_post_title_slug" UNIQUE ("title", "slug"),
    CONSTRAINT "ck_post_short" CHECK (length(title) < 50),
    CONSTRAINT "post_editor" FOREIGN KEY ("views") REFERENCES "author" ("id")
)`,
    );
    expect(render('sqlite', batch(ops)).slice(-2)).toEqual([INDEXES[1], 'CREATE UNIQUE INDEX "ix_post_views" ON "post" ("views")']);
  });

  it('replaces the primary key; an unnamed constraint read from SQLite stays unnamed', () => {
    const table: TableDefinition = {
      columns: [
        { name: 'a', type: 'INTEGER', nullable: false },
        { name: 'b', type: 'TEXT', nullable: false },
      ],
      constraints: [
        { kind: 'primaryKey', columns: ['a'], name: f('') },
        { kind: 'unique', columns: ['b'], name: f('') },
      ],
    };
    const created = createdTable(
      render('sqlite', new BatchAlterTableOp('pair', [new CreatePrimaryKeyOp(null, 'pair', ['a', 'b'])], { copyFrom: table })),
    );
    expect(created).toBe(
      'CREATE TABLE "pair" (\n    "a" INTEGER NOT NULL,\n    "b" TEXT NOT NULL,\n    UNIQUE ("b"),\n    CONSTRAINT "pk_pair" PRIMARY KEY ("a", "b")\n)',
    );
  });

  it("recreates with recreate 'always' even for what ALTER can do, and honours partialReordering and tableArgs", () => {
    const statements = render(
      'sqlite',
      batch([new AddColumnOp('post', { name: 'lead', type: 'text' })], {
        recreate: 'always',
        partialReordering: [['id', 'lead', 'title']],
        tableArgs: [check('views < 1000000', { name: 'views_positive' })],
      }),
    );
    const created = createdTable(statements);
    expect(created).toContain('"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n    "lead" TEXT,\n    "title" VARCHAR(50) NOT NULL,');
    expect(created).toContain('CONSTRAINT "ck_post_views_positive" CHECK (views < 1000000)');
    expect(created).not.toContain('views >= 0');
    expect(statements[1]).toBe(
      'INSERT INTO "_nest_migrate_tmp_post" ("id", "title", "slug", "views", "author_id") SELECT "id", "title", "slug", "views", "author_id" FROM "post"',
    );
  });

  it('fails with one line naming the table for a change that does not fit it', () => {
    expect(() => render('sqlite', batch([new DropColumnOp('post', 'nope')]))).toThrow(
      new MigrationError("batchAlterTable('post') cannot drop column nope: the table has no such column"),
    );
    expect(() => render('sqlite', batch([new DropConstraintOp('nope', 'post')]))).toThrow(
      new MigrationError(
        "batchAlterTable('post') cannot drop constraint nope: the table has no such constraint; it has uq_post_slug UNIQUE (slug), " +
          `ck_post_views_positive CHECK (views >= 0 AND "title" <> 'views'), fk_post_author_id_author FOREIGN KEY (author_id) REFERENCES author (id); ` +
          'drop one of these by name, or pass existing (its definition) for an unnamed one',
      ),
    );
    expect(() => render('sqlite', batch([new AddColumnOp('other', { name: 'x', type: 'text' })], { recreate: 'always' }))).toThrow(
      "batchAlterTable('post') cannot run an op on table other; a batch changes only its own table",
    );
  });
});

/** `accounts` as SQLite keeps it: every constraint unnamed, as `readSqliteTable` reads it. */
const ACCOUNTS: TableDefinition = {
  columns: [
    { name: 'id', type: 'INTEGER', nullable: false },
    { name: 'email', type: 'TEXT', nullable: false },
    { name: 'balance', type: 'INTEGER', nullable: false },
    { name: 'org_id', type: 'INTEGER' },
  ],
  constraints: [
    { kind: 'primaryKey', columns: ['id'], name: f('') },
    { kind: 'unique', columns: ['email'], name: f('') },
    { kind: 'foreignKey', columns: ['org_id'], referredTable: 'orgs', referredColumns: ['id'], name: f('') },
    { kind: 'check', condition: 'balance >= 0', name: f('') },
  ],
};
const accounts = (ops: BatchAlterTableOp['ops'], options: BatchAlterTableOp['options'] = {}) =>
  createdTable(render('sqlite', new BatchAlterTableOp('accounts', ops, { copyFrom: ACCOUNTS, recreate: 'always', ...options })));
const ACCOUNT_COLUMNS = '"id" INTEGER NOT NULL,\n    "email" TEXT NOT NULL,\n    "balance" INTEGER NOT NULL,\n    "org_id" INTEGER';

describe('batchAlterTable on SQLite: unnamed constraints', () => {
  const convention = {
    pk: 'pk_%(table_name)s',
    uq: 'uq_%(table_name)s_%(column_0_name)s',
    fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    ck: 'ck_%(table_name)s_%(column_0_name)s',
  };

  it('namingConvention names every unnamed constraint of a kind it has a template for; the names then drop them', () => {
    expect(accounts([], { namingConvention: convention })).toBe(
      `CREATE TABLE "accounts" (\n    ${ACCOUNT_COLUMNS},\n    CONSTRAINT "pk_accounts" PRIMARY KEY ("id"),\n    CONSTRAINT "uq_accounts_email" UNIQUE ("email"),\n` +
        '    CONSTRAINT "fk_accounts_org_id_orgs" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id"),\n    CONSTRAINT "ck_accounts_balance" CHECK (balance >= 0)\n)',
    );
    const dropped = accounts(
      [
        new DropConstraintOp('uq_accounts_email', 'accounts', { type: 'unique' }),
        new DropConstraintOp('CK_ACCOUNTS_BALANCE', 'accounts', { type: 'check' }),
      ],
      { namingConvention: convention },
    );
    expect(dropped).not.toContain('UNIQUE');
    expect(dropped).not.toContain('CHECK');
    // Only the kinds it names: the rest stay unnamed.
    expect(accounts([], { namingConvention: { uq: convention.uq } })).toBe(
      `CREATE TABLE "accounts" (\n    ${ACCOUNT_COLUMNS},\n    PRIMARY KEY ("id"),\n    CONSTRAINT "uq_accounts_email" UNIQUE ("email"),\n` +
        '    FOREIGN KEY ("org_id") REFERENCES "orgs" ("id"),\n    CHECK (balance >= 0)\n)',
    );
  });

  it("namingConvention names the batch's own constraints too, on every dialect", () => {
    const op = (dialect: Dialect) =>
      render(
        dialect,
        new BatchAlterTableOp('accounts', [new CreateUniqueConstraintOp(null, 'accounts', ['email'])], {
          namingConvention: { uq: 'accounts_%(column_0_name)s_key' },
        }),
      );
    expect(op('postgres')).toEqual(['ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE ("email")']);
    expect(op('mysql')).toEqual(['ALTER TABLE `accounts` ADD CONSTRAINT `accounts_email_key` UNIQUE (`email`)']);
  });

  it('tableArgs gives an unnamed constraint a name instead of adding a second one, and dropConstraint then drops it by that name', () => {
    const named = accounts([], { tableArgs: [unique(['email'], { name: f('uq_email') })] });
    expect(named.match(/UNIQUE/g)).toHaveLength(1);
    expect(named).toContain('CONSTRAINT "uq_email" UNIQUE ("email")');
    const dropped = accounts([new DropConstraintOp('uq_email', 'accounts', { type: 'unique' })], {
      tableArgs: [unique(['email'], { name: f('uq_email') })],
    });
    expect(dropped).not.toContain('UNIQUE');
  });

  it('dropConstraint matches existing by its normalised definition: spacing, quoting, case and parentheses aside', () => {
    for (const condition of ['balance>=0', '("BALANCE" >= 0)', 'Balance  >=  0']) {
      expect(accounts([new DropConstraintOp(null, 'accounts', { existing: check(condition) })])).not.toContain('CHECK');
      // A name the table does not have (the one PostgreSQL gave it, say) falls back to the definition too.
      expect(accounts([new DropConstraintOp('ck_accounts_positive', 'accounts', { existing: check(condition) })])).not.toContain('CHECK');
    }
    expect(accounts([new DropConstraintOp(null, 'accounts', { existing: unique(['EMAIL']) })])).not.toContain('UNIQUE');
    expect(accounts([new DropConstraintOp(null, 'accounts', { existing: foreignKey('org_id', 'orgs', 'id') })])).not.toContain(
      'FOREIGN KEY',
    );
  });

  it('when nothing matches, the one-line error shows what the table has', () => {
    expect(() => accounts([new DropConstraintOp(null, 'accounts', { existing: check('balance > 0') })])).toThrow(
      new MigrationError(
        "batchAlterTable('accounts') cannot drop constraint CHECK (balance > 0): the table has no such constraint; it has PRIMARY KEY (id), UNIQUE (email), " +
          'FOREIGN KEY (org_id) REFERENCES orgs (id), CHECK (balance >= 0); pass existing as the table has it, or name its constraints with namingConvention',
      ),
    );
  });
});

describe('batchAlterTable on SQLite: plain ALTERs', () => {
  const plain = [
    new AddColumnOp('post', { name: 'lead', type: 'text', serverDefault: 'none' }),
    new AlterColumnOp('post', 'title', { newColumnName: 'headline' }),
    new CreateIndexOp(null, 'post', ['views']),
    new DropIndexOp('ix_post_title', 'post'),
  ];
  const statements = [
    `ALTER TABLE "post" ADD COLUMN "lead" TEXT DEFAULT 'none'`,
    'ALTER TABLE "post" RENAME COLUMN "title" TO "headline"',
    'CREATE INDEX "ix_post_views" ON "post" ("views")',
    'DROP INDEX "ix_post_title"',
  ];

  it("adds a column, renames one, creates and drops indexes in place with recreate 'auto', needing no copyFrom", () => {
    expect(render('sqlite', new BatchAlterTableOp('post', plain))).toEqual(statements);
  });

  it("recreates for an expression default, a unique column or anything else ALTER cannot do; 'never' refuses in one line", () => {
    for (const op of [
      new AddColumnOp('post', { name: 'at', type: 'timestamp', serverDefault: sqlText('CURRENT_TIMESTAMP') }),
      new AddColumnOp('post', { name: 'code', type: 'text', unique: true }),
      new AlterColumnOp('post', 'headline', { nullable: true }),
      new DropColumnOp('post', 'slug'),
    ]) {
      expect(render('sqlite', batch([...plain, op]))[0]).toMatch(/^CREATE TABLE "_nest_migrate_tmp_post"/);
    }
    expect(render('sqlite', batch(plain, { recreate: 'never' }))).toEqual(statements);
    expect(() => render('sqlite', batch([...plain, new DropColumnOp('post', 'slug')], { recreate: 'never' }))).toThrow(
      new MigrationError(
        "batchAlterTable('post') with recreate 'never' cannot drop column slug: sqlite needs the table recreated for that; use recreate 'auto'",
      ),
    );
  });
});

describe('batchAlterTable on PostgreSQL and MySQL', () => {
  it.each<[Dialect, string[]]>([
    [
      'postgres',
      [
        'ALTER TABLE "post" ALTER COLUMN "title" TYPE TEXT',
        'ALTER TABLE "post" DROP COLUMN "slug"',
        'ALTER TABLE "post" DROP CONSTRAINT "ck_post_views_positive"',
      ],
    ],
    [
      'mysql',
      [
        'ALTER TABLE `post` MODIFY `title` TEXT NOT NULL',
        'ALTER TABLE `post` DROP COLUMN `slug`',
        'ALTER TABLE `post` DROP CONSTRAINT `ck_post_views_positive`',
      ],
    ],
  ])('%s: runs the ops as plain ALTERs, whatever recreate says', (dialect, expected) => {
    const ops = [
      new AlterColumnOp('post', 'title', { type: 'text', existingNullable: false, existingServerDefault: null, existingComment: null }),
      new DropColumnOp('post', 'slug'),
      new DropConstraintOp('ck_post_views_positive', 'post', { type: 'check' }),
    ];
    expect(render(dialect, batch(ops, { recreate: 'always' }))).toEqual(expected);
  });
});

describe('BatchAlterTableOp', () => {
  it('reverses to its children reversed, last first, without copyFrom', () => {
    const op = batch(
      [new AddColumnOp('post', { name: 'lead', type: 'text' }), new AlterColumnOp('post', 'title', { newColumnName: 'headline' })],
      {
        recreate: 'always',
      },
    );
    const reversed = op.reverse();
    expect(reversed.options).toEqual({ recreate: 'always' });
    expect(reversed.ops).toEqual([
      new AlterColumnOp('post', 'headline', { newColumnName: 'title', using: undefined }),
      new DropColumnOp('post', 'lead', { existingColumn: { name: 'lead', type: 'text' } }),
    ]);
  });
});

describe('op.batchAlterTable', () => {
  function offlineOps(dialect: Dialect) {
    const out = { script: '' };
    return { ops: new Operations(new OfflineSqlEmitter(dialect, (text) => (out.script += text)), undefined, {}), out };
  }

  it('records the callback’s ops with the table filled in, then runs them (the callback may be async)', async () => {
    const { ops, out } = offlineOps('sqlite');
    await ops.batchAlterTable('post', async (b) => {
      await b.addColumn({ name: 'lead', type: 'text' });
      await Promise.resolve();
      await b.createIndex(null, ['lead']);
    });
    expect(out.script).toBe('ALTER TABLE "post" ADD COLUMN "lead" TEXT;\n\nCREATE INDEX "ix_post_lead" ON "post" ("lead");\n\n');
  });

  it('under --sql on sqlite, a recreate without copyFrom fails in one line and writes nothing', async () => {
    const { ops, out } = offlineOps('sqlite');
    await expect(ops.batchAlterTable('post', (b) => void b.dropColumn('slug'))).rejects.toThrow(
      new MigrationError("batchAlterTable('post') needs copyFrom with --sql on sqlite: the table cannot be read offline"),
    );
    expect(out.script).toBe('');
  });
});

describe('identifiers in SQL text', () => {
  it('finds and renames bare and quoted names, never inside string literals', () => {
    expect(mentionsIdentifier(`"views" > 0`, 'VIEWS')).toBe(true);
    expect(mentionsIdentifier(`title <> 'views'`, 'views')).toBe(false);
    expect(renameIdentifier(`views >= 0 AND [views] < 9 AND title <> 'views' AND viewsx = 1`, 'views', 'hits')).toBe(
      `"hits" >= 0 AND "hits" < 9 AND title <> 'views' AND viewsx = 1`,
    );
  });
});

/** The CREATE TABLE of the recreated table, among a recreate's statements. */
function createdTable(statements: string[]): string {
  return statements[3];
}
