import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '@nest-migrate/migration';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { NODE_MODULES, runDemo, timesMasked } from './demo-cli';

/**
 * A TypeORM project's five migrations, as `typeorm migration:create` names them, with the
 * revision id `import-typeorm` derives from each name (the SHA-1's first 12 hex digits).
 */
const MIGRATIONS: [file: string, name: string, id: string, up: string, down: string][] = [
  [
    '1700000000001-CreateAuthor.ts',
    'CreateAuthor1700000000001',
    'e208bb3a42e2',
    'CREATE TABLE author (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)',
    'DROP TABLE author',
  ],
  [
    '1700000000002-CreateBook.ts',
    'CreateBook1700000000002',
    'f8981b260bf6',
    'CREATE TABLE book (id INTEGER NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL)',
    'DROP TABLE book',
  ],
  [
    '1700000000003-AddBookYear.ts',
    'AddBookYear1700000000003',
    '2d1f2bd3c5b7',
    'ALTER TABLE book ADD COLUMN year INTEGER NULL',
    'ALTER TABLE book DROP COLUMN year',
  ],
  [
    '1700000000004-CreatePublisher.ts',
    'CreatePublisher1700000000004',
    'dd2b771257b6',
    'CREATE TABLE publisher (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)',
    'DROP TABLE publisher',
  ],
  [
    '1700000000005-IndexBookTitle.ts',
    'IndexBookTitle1700000000005',
    '6d317df1e26f',
    'CREATE INDEX idx_book_title ON book (title)',
    'DROP INDEX idx_book_title',
  ],
];

function migrationFile(name: string, up: string, down: string): string {
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name} implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`${up}\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`${down}\`);
  }
}
`;
}

for (const dialect of dialectsUnderTest()) {
  describe(`switching a TypeORM project with import-typeorm on ${dialect}`, () => {
    let cwd: string;
    let database: TestDatabase;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-import-typeorm-e2e-'));
      symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
      mkdirSync(join(cwd, 'src', 'migrations'), { recursive: true });
      for (const [file, name, , up, down] of MIGRATIONS) writeFileSync(join(cwd, 'src', 'migrations', file), migrationFile(name, up, down));
      database = await createTestDatabase(dialect, 'import typeorm e2e');
      // TypeORM itself applies the five migrations, as the project did before the switch.
      const classes = MIGRATIONS.map(([file, name]) => require(join(cwd, 'src', 'migrations', file))[name]);
      const dataSource = await new DataSource({ ...parseDatabaseUrl(database.url).dataSourceOptions, migrations: classes }).initialize();
      try {
        expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(MIGRATIONS.map(([, name]) => name));
      } finally {
        await dataSource.destroy();
      }
    });

    afterAll(async () => {
      await database?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    const demo = (...args: string[]) => runDemo(cwd, database.url, ...args);

    async function query<T>(sql: string): Promise<T[]> {
      const dataSource = await new DataSource(parseDatabaseUrl(database.url).dataSourceOptions).initialize();
      try {
        return (await dataSource.query(sql)) as T[];
      } finally {
        await dataSource.destroy();
      }
    }

    it('imports the five migrations, stamps the last, then a new revision upgrades on top', async () => {
      expect(demo('init').code).toBe(0);
      const imported = demo('import-typeorm', '--typeorm-migrations', 'src/migrations/*.ts');
      expect(timesMasked(imported)).toEqual({
        code: 0,
        stdout: MIGRATIONS.map(([, name, id]) => `Generating migrations/versions/${id}_${name.toLowerCase()}.ts ...  done\n`).join(''),
        stderr: 'Running stamp_revision  -> 6d317df1e26f (<t> s)\n',
      });
      expect(demo('current')).toEqual({ code: 0, stdout: '6d317df1e26f (head)\n', stderr: '' });
      expect(demo('upgrade')).toEqual({ code: 0, stdout: '', stderr: 'Database is already at head (6d317df1e26f)\n' });
      expect(demo('history')).toEqual({
        code: 0,
        stdout: [
          'dd2b771257b6 -> 6d317df1e26f (head), IndexBookTitle1700000000005',
          '2d1f2bd3c5b7 -> dd2b771257b6, CreatePublisher1700000000004',
          'f8981b260bf6 -> 2d1f2bd3c5b7, AddBookYear1700000000003',
          'e208bb3a42e2 -> f8981b260bf6, CreateBook1700000000002',
          '<base> -> e208bb3a42e2, CreateAuthor1700000000001',
          '',
        ].join('\n'),
        stderr: '',
      });

      const created = demo('revision', '-m', 'add notes', '--rev-id', 'a0a0a0a0a0a0');
      expect(created).toEqual({ code: 0, stdout: 'Generating migrations/versions/a0a0a0a0a0a0_add_notes.ts ...  done\n', stderr: '' });
      const file = join(cwd, 'migrations', 'versions', 'a0a0a0a0a0a0_add_notes.ts');
      const text = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        text
          .replace(
            'upgrade(op: MigrationOps): Promise<void> {}',
            "upgrade(op: MigrationOps): Promise<void> {\n  await op.execute('CREATE TABLE note (id INTEGER NOT NULL PRIMARY KEY)');\n}",
          )
          .replace(
            'downgrade(op: MigrationOps): Promise<void> {}',
            "downgrade(op: MigrationOps): Promise<void> {\n  await op.execute('DROP TABLE note');\n}",
          ),
      );
      expect(timesMasked(demo('upgrade'))).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Running upgrade 6d317df1e26f -> a0a0a0a0a0a0, add notes (<t> s)\n',
      });
      expect(demo('upgrade')).toEqual({ code: 0, stdout: '', stderr: 'Database is already at head (a0a0a0a0a0a0)\n' });

      expect(await query('SELECT version_num FROM migration_version')).toEqual([{ version_num: 'a0a0a0a0a0a0' }]);
      expect(await query('SELECT id FROM note')).toEqual([]);
      // TypeORM's table is as TypeORM left it: switching back stays possible.
      expect((await query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).map((r) => r.name)).toEqual(
        MIGRATIONS.map(([, name]) => name),
      );
      expect(
        readdirSync(join(cwd, 'migrations', 'versions'))
          .filter((name) => name.endsWith('.ts'))
          .sort(),
      ).toEqual([...MIGRATIONS.map(([, name, id]) => `${id}_${name.toLowerCase()}.ts`), 'a0a0a0a0a0a0_add_notes.ts'].sort());
    });

    it('squashes the first three imported revisions into a baseline that the database, already past it, does not run', async () => {
      const file = ([, name, id]: (typeof MIGRATIONS)[number]) => `migrations/versions/${id}_${name.toLowerCase()}.ts`;
      const squashed = MIGRATIONS.slice(0, 3).sort((a, b) => (file(a) < file(b) ? -1 : 1));
      expect(demo('squash', '2d1f2bd3c5b7')).toEqual({
        code: 0,
        stdout: [
          ...squashed.map((m) => `Removing ${file(m)} ...  done\n`),
          'Generating migrations/versions/2d1f2bd3c5b7_baseline_squashed_from_3_revisions.ts ...  done\n',
        ].join(''),
        stderr: squashed
          .map(
            (m) =>
              `warning: ${m[2]} (${file(m)}) calls runTypeormMigration; if that changes rows, a database built from the baseline will not have them, as the baseline creates the schema only\n`,
          )
          .join(''),
      });
      expect(demo('history')).toEqual({
        code: 0,
        stdout: [
          '6d317df1e26f -> a0a0a0a0a0a0 (head), add notes',
          'dd2b771257b6 -> 6d317df1e26f, IndexBookTitle1700000000005',
          '2d1f2bd3c5b7 -> dd2b771257b6, CreatePublisher1700000000004',
          '<base> -> 2d1f2bd3c5b7, baseline squashed from 3 revisions',
          '',
        ].join('\n'),
        stderr: '',
      });
      expect(demo('upgrade')).toEqual({ code: 0, stdout: '', stderr: 'Database is already at head (a0a0a0a0a0a0)\n' });
      expect(demo('current')).toEqual({ code: 0, stdout: 'a0a0a0a0a0a0 (head)\n', stderr: '' });
    });

    it('refuses in one line, changing nothing, when the TypeORM table names a migration the files do not have', async () => {
      const again = mkdtempSync(join(tmpdir(), 'nest-migrate-import-typeorm-e2e-'));
      try {
        symlinkSync(NODE_MODULES, join(again, 'node_modules'));
        mkdirSync(join(again, 'src', 'migrations'), { recursive: true });
        for (const [file, name, , up, down] of MIGRATIONS.slice(0, 4))
          writeFileSync(join(again, 'src', 'migrations', file), migrationFile(name, up, down));
        const other = await createTestDatabase(dialect, 'import typeorm e2e missing');
        try {
          const dataSource = await new DataSource({
            ...parseDatabaseUrl(other.url).dataSourceOptions,
            migrations: MIGRATIONS.map(([file, name]) => require(join(cwd, 'src', 'migrations', file))[name]),
          }).initialize();
          await dataSource.runMigrations();
          await dataSource.destroy();
          expect(runDemo(again, other.url, 'init').code).toBe(0);
          expect(runDemo(again, other.url, 'import-typeorm', '--typeorm-migrations', 'src/migrations/*.ts')).toEqual({
            code: 1,
            stdout: '',
            stderr:
              "FAILED: TypeORM's migrations table lists IndexBookTitle1700000000005 as applied, but the migration files have no migration 5; restore its file, or revert it with TypeORM\n",
          });
          expect(readdirSync(join(again, 'migrations', 'versions'))).toEqual([]);
        } finally {
          await other.drop();
        }
      } finally {
        rmSync(again, { recursive: true, force: true });
      }
    });
  });
}
