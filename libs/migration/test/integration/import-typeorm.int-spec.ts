import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { check } from '../../src/commands/autogenerate';
import { current } from '../../src/commands/current';
import { importTypeorm, typeormRevisionId } from '../../src/commands/import-typeorm';
import { init } from '../../src/commands/init';
import { upgrade } from '../../src/commands/upgrade';
import { CommandError } from '../../src/errors';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { shortLog } from '../../src/runtime/step-log';
import { NodeFileSystem } from '../../src/script/node-file-system';
import { recorder, withDataSource } from '../support/recording';
import { snapshot } from '../support/schema-snapshot';

/**
 * A TypeORM project's three migrations, written as TypeORM's `migration:create` writes them (a
 * class whose name ends in its timestamp). They are plain SQL every dialect takes.
 */
const TYPEORM_MIGRATIONS: [file: string, name: string, up: string, down: string][] = [
  [
    '1700000000001-CreateAuthor.ts',
    'CreateAuthor1700000000001',
    'CREATE TABLE author (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)',
    'DROP TABLE author',
  ],
  [
    '1700000000002-CreateBook.ts',
    'CreateBook1700000000002',
    'CREATE TABLE book (id INTEGER NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL)',
    'DROP TABLE book',
  ],
  [
    '1700000000003-AddBookYear.ts',
    'AddBookYear1700000000003',
    'ALTER TABLE book ADD COLUMN year INTEGER NULL',
    'ALTER TABLE book DROP COLUMN year',
  ],
];

function typeormMigrationFile(name: string, up: string, down: string): string {
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

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

/** The entities the three migrations build, so `check` has something to agree with. */
@Entity({ name: 'author' })
class Author {
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 100 }) name!: string;
}

@Entity({ name: 'book' })
class Book {
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'integer', nullable: true }) year!: number | null;
}

// Each test makes databases of its own, which takes more than Jest's default 5 s under load.
jest.setTimeout(120_000);

for (const dialect of dialectsUnderTest()) {
  describe(`import-typeorm on ${dialect}`, () => {
    let dir: string;
    const databases: TestDatabase[] = [];
    const sources: DataSource[] = [];

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-import-typeorm-'));
      // The revisions import runTypeormMigration from @nest-migrate/migration, as in a user's project.
      fs.symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'));
      fs.mkdirSync(path.join(dir, 'src', 'migrations'), { recursive: true });
      for (const [file, name, up, down] of TYPEORM_MIGRATIONS) {
        fs.writeFileSync(path.join(dir, 'src', 'migrations', file), typeormMigrationFile(name, up, down));
      }
    });

    afterAll(async () => {
      for (const source of sources) if (source.isInitialized) await source.destroy();
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A database where TypeORM itself ran the first `applied` migrations, and a fresh migrations directory. */
    async function typeormProject(label: string, applied: number, directory = path.join(dir, `migrations_${label}`)) {
      const database = await createTestDatabase(dialect, `import typeorm ${label}`);
      databases.push(database);
      const classes = TYPEORM_MIGRATIONS.slice(0, applied).map(([file, name]) => require(path.join(dir, 'src', 'migrations', file))[name]);
      await withDataSource(database.url, async (dataSource) => {
        dataSource.setOptions({ migrations: classes });
        await dataSource.buildMetadatas();
        await dataSource.runMigrations({ transaction: 'each' });
      });
      if (!fs.existsSync(directory)) init(new NodeFileSystem(), { directory });
      const dataSource = new DataSource({
        ...parseDatabaseUrl(database.url).dataSourceOptions,
        entities: [Author, Book],
        migrations: [path.join(dir, 'src', 'migrations', '*.ts')],
      } as never);
      sources.push(dataSource);
      return { database, config: { directory, database: { dataSource } } };
    }

    async function typeormRows(url: string): Promise<string[]> {
      return withDataSource(url, async (dataSource) =>
        ((await dataSource.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[]).map((r) => r.name),
      );
    }

    /** The schema without TypeORM's table and the tool's run journal and applied log, which not every side has. */
    async function userTables(url: string) {
      const tables = await withDataSource(url, (dataSource) => snapshot(dataSource, dialect));
      for (const name of ['migrations', 'migration_version_journal', 'migration_version_log']) tables.delete(name);
      return tables;
    }

    it('wraps each migration in a revision, stamps where TypeORM stopped, and runs only the rest', async () => {
      const { database, config } = await typeormProject('wrap', 2);
      const out = recorder();
      const result = await importTypeorm(config, {}, out);
      const ids = TYPEORM_MIGRATIONS.map(([, name]) => typeormRevisionId(name));
      expect(result.created.map((c) => c.revision)).toEqual(ids);
      expect(result.created.map((c) => c.script.downRevision)).toEqual([null, ids[0], ids[1]]);
      expect(result.stamped).toBe(ids[1]);
      const text = fs.readFileSync(result.created[2].path, 'utf8');
      expect(text).toContain("import { runTypeormMigration } from '@nest-migrate/migration';\n");
      expect(text).toContain("import { AddBookYear1700000000003 } from '../../src/migrations/1700000000003-AddBookYear';\n");
      expect(text).toContain("await runTypeormMigration(op, new AddBookYear1700000000003(), 'up');");
      expect(text).toContain("await runTypeormMigration(op, new AddBookYear1700000000003(), 'down');");
      expect(out.lines).toEqual([`Running stamp_revision  -> ${ids[1]}`]);
      expect((await current(config)).heads).toEqual([ids[1]]);

      const first = await upgrade(config, 'head');
      expect(first.steps.map(shortLog)).toEqual([`upgrade ${ids[1]} -> ${ids[2]}`]);
      const second = await upgrade(config, 'head');
      expect(second.steps).toEqual([]);
      await expect(check(config)).resolves.toMatchObject({ ops: [] });
      const schema = await userTables(database.url);
      expect([...schema.keys()].sort()).toEqual(['author', 'book']);
      expect(Object.keys(schema.get('book')!.columns).sort()).toEqual(['id', 'title', 'year']);
      // TypeORM's table is left as TypeORM wrote it, so the project can switch back.
      expect(await typeormRows(database.url)).toEqual(['CreateAuthor1700000000001', 'CreateBook1700000000002']);
    });

    it('on another database of the project, with the revisions already imported, writes nothing and only stamps', async () => {
      const ids = TYPEORM_MIGRATIONS.map(([, name]) => typeormRevisionId(name));
      const first = await typeormProject('dev', 1);
      expect((await importTypeorm(first.config)).created).toHaveLength(3);
      const before = fs.readdirSync(path.join(first.config.directory, 'versions')).sort();
      const second = await typeormProject('prod', 3, first.config.directory);
      expect(await importTypeorm(second.config)).toEqual({ created: [], stamped: ids[2] });
      expect(fs.readdirSync(path.join(first.config.directory, 'versions')).sort()).toEqual(before);
      expect((await upgrade(second.config, 'head')).steps).toEqual([]);
      expect((await current(second.config)).heads).toEqual([ids[2]]);
    });

    it('with --baseline, writes one revision that creates the live schema and stamps it', async () => {
      const { database, config } = await typeormProject('baseline', 3);
      const result = await importTypeorm(config, { baseline: true });
      expect(result.created).toHaveLength(1);
      expect(result.stamped).toBe(result.created[0].revision);
      const text = fs.readFileSync(result.created[0].path, 'utf8');
      expect(text).toContain("await op.createTable('author', [");
      expect(text).toContain("await op.createTable('book', [");
      expect(text).not.toContain("'migrations'");
      expect((await upgrade(config, 'head')).steps).toEqual([]);
      await expect(check(config)).resolves.toMatchObject({ ops: [] });

      // The baseline builds, on an empty database, what TypeORM's migrations built.
      const fresh = await createTestDatabase(dialect, 'import typeorm baseline fresh');
      databases.push(fresh);
      await upgrade({ directory: config.directory, database: { url: fresh.url } }, 'head');
      expect(await userTables(fresh.url)).toEqual(await userTables(database.url));
    });

    it('refuses, writing nothing, when the TypeORM table and the files disagree', async () => {
      const { database, config } = await typeormProject('disagree', 2);
      await withDataSource(database.url, (ds) =>
        ds.query("UPDATE migrations SET name = 'CreateBooks1700000000002' WHERE name = 'CreateBook1700000000002'"),
      );
      const attempt = importTypeorm(config);
      await expect(attempt).rejects.toThrow(CommandError);
      await expect(attempt).rejects.toThrow(
        "TypeORM's migrations table lists CreateBooks1700000000002 as applied migration 2, but in the migration files migration 2 is CreateBook1700000000002 " +
          `(${path.join(dir, 'src', 'migrations', '1700000000002-CreateBook.ts')}); make the table and the files agree, then import again`,
      );
      expect(fs.readdirSync(path.join(config.directory, 'versions'))).toEqual([]);
      expect((await current(config)).heads).toEqual([]);
    });

    it('with --baseline, refuses while a TypeORM migration is still pending', async () => {
      const { config } = await typeormProject('pending', 2);
      await expect(importTypeorm(config, { baseline: true })).rejects.toThrow(
        'TypeORM migration AddBookYear1700000000003 is not applied to this database; run it with TypeORM first, or import without --baseline',
      );
      expect(fs.readdirSync(path.join(config.directory, 'versions'))).toEqual([]);
    });

    it("writes a wrapped migration's statements into an upgrade --sql script", async () => {
      const { config } = await typeormProject('offline', 0);
      await importTypeorm(config);
      const out = recorder();
      await upgrade(config, 'head', { sql: true, output: out });
      expect(out.script).toContain('CREATE TABLE author (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL);\n\n');
      expect(out.script).toContain('ALTER TABLE book ADD COLUMN year INTEGER NULL;\n\n');
    });
  });
}

describe('import-typeorm with several databases', () => {
  it('refuses in one line before reading anything', async () => {
    const configs = ['default', 'analytics'].map((databaseName) => ({
      directory: 'nowhere',
      databaseName,
      database: { url: 'sqlite:nowhere.db' },
    }));
    await expect(importTypeorm(configs)).rejects.toThrow(
      new CommandError('import-typeorm imports into the history of one database; run it with one database configured'),
    );
  });
});
