import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { current } from '../../src/commands/current';
import { downgrade } from '../../src/commands/downgrade';
import { squash } from '../../src/commands/squash';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { CommandError } from '../../src/errors';
import { shortLog } from '../../src/runtime/step-log';
import { recorder, withDataSource } from '../support/recording';
import { snapshot } from '../support/schema-snapshot';

/**
 * a1 -> b2 -> c3 -> d4: an author table, its index and a seed row, a book table with a foreign
 * key to it, then a column on book. `squash c3` replaces a1, b2 and c3; d4 stays.
 */
const REVISIONS: [id: string, down: string | null, body: string, undo: string][] = [
  [
    'a1a1',
    null,
    `await op.createTable('author', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'name', type: 'varchar(100)', nullable: false },
  ]);`,
    "await op.dropTable('author');",
  ],
  [
    'b2b2',
    'a1a1',
    `await op.addColumn('author', { name: 'born', type: 'integer', nullable: true, serverDefault: sqlText('1900') });
  await op.createIndex('ix_author_name', 'author', ['name'], { unique: true });
  await op.execute("INSERT INTO author (name) VALUES ('anon')");`,
    "await op.dropIndex('ix_author_name', { tableName: 'author' });\n  await op.dropColumn('author', 'born');",
  ],
  [
    'c3c3',
    'b2b2',
    `await op.createTable('book', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'title', type: 'varchar(200)', nullable: false },
    { name: 'author_id', type: 'integer', nullable: false },
    foreignKey('author_id', 'author', 'id', { onDelete: 'CASCADE' }),
    index('author_id'),
  ]);`,
    "await op.dropTable('book');",
  ],
  [
    'd4d4',
    'c3c3',
    "await op.addColumn('book', { name: 'pages', type: 'integer', nullable: true });",
    "await op.dropColumn('book', 'pages');",
  ],
];

function revisionFile(id: string, down: string | null, body: string, undo: string, dependsOn: string | null = null): string {
  return `import { foreignKey, index, sqlText } from '@nest-migrate/migration';
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = ${dependsOn === null ? 'null' : `'${dependsOn}'`};

export async function upgrade(op: MigrationOps): Promise<void> {
  ${body}
}
export async function downgrade(op: MigrationOps): Promise<void> {
  ${undo}
}
`;
}

function writeHistory(directory: string, extra: [id: string, down: string, dependsOn?: string][] = []): void {
  fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
  for (const [id, down, body, undo] of REVISIONS)
    fs.writeFileSync(path.join(directory, 'versions', `${id}_rev.ts`), revisionFile(id, down, body, undo));
  for (const [id, down, dependsOn] of extra) {
    fs.writeFileSync(path.join(directory, 'versions', `${id}_rev.ts`), revisionFile(id, down, '', '', dependsOn ?? null));
  }
}

/** The revision files and their text (not the compile cache's directory beside them). */
function files(directory: string): Record<string, string> {
  const versions = path.join(directory, 'versions');
  const names = fs.readdirSync(versions).filter((name) => name.endsWith('.ts'));
  return Object.fromEntries(names.sort().map((name) => [name, fs.readFileSync(path.join(versions, name), 'utf8')]));
}

// Each test builds several databases, which takes more than Jest's default 5 s under load.
jest.setTimeout(180_000);

for (const dialect of dialectsUnderTest()) {
  describe(`squash on ${dialect}`, () => {
    let dir: string;
    const databases: TestDatabase[] = [];

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-squash-'));
      // The revisions import helpers from @nest-migrate/migration, as in a user's project.
      fs.symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'));
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function database(label: string): Promise<TestDatabase> {
      const created = await createTestDatabase(dialect, `squash ${label}`);
      databases.push(created);
      return created;
    }

    /** The user's tables as the database has them (the run journal is the tool's own). */
    async function schemaOf(url: string) {
      const tables = await withDataSource(url, (dataSource) => snapshot(dataSource, dialect));
      tables.delete('migration_version_journal');
      return tables;
    }

    /** Databases of the server the scratch database would be made on, whose names start with `prefix`. */
    async function databasesLike(url: string, prefix: string): Promise<string[]> {
      if (dialect === 'sqlite') return [];
      const sql =
        dialect === 'postgres'
          ? `SELECT datname AS name FROM pg_database WHERE datname LIKE '${prefix}%'`
          : `SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE '${prefix}%'`;
      return withDataSource(url, async (ds) => ((await ds.query(sql)) as { name: string }[]).map((r) => r.name).sort());
    }

    it('builds the same schema from the baseline as from the history it replaces, and a database past it runs nothing new', async () => {
      const directory = path.join(dir, 'same-schema');
      writeHistory(directory);
      const [original, past, fresh] = [await database('original'), await database('past'), await database('fresh')];
      const configOf = (db: TestDatabase): MigrationConfig => ({ directory, database: { url: db.url } });
      await upgrade(configOf(original), 'c3c3');
      const atC3 = await schemaOf(original.url);
      await upgrade(configOf(original), 'head');
      const atHead = await schemaOf(original.url);
      await upgrade(configOf(past), 'head');

      const out = recorder();
      const result = await squash(configOf(past), 'c3c3', {}, out);
      expect(result.revision).toBe('c3c3');
      expect(result.removed.map((p) => path.basename(p)).sort()).toEqual(['a1a1_rev.ts', 'b2b2_rev.ts', 'c3c3_rev.ts']);
      expect(Object.keys(files(directory))).toEqual(['c3c3_baseline_squashed_from_3_revisions.ts', 'd4d4_rev.ts']);
      expect(out.lines).toEqual([
        `warning: b2b2 (${path.join(directory, 'versions', 'b2b2_rev.ts')}) calls op.execute; if that changes rows, a database built from the baseline will not have them, as the baseline creates the schema only`,
      ]);
      const baseline = fs.readFileSync(result.path, 'utf8');
      expect(baseline).toContain("export const revision = 'c3c3';");
      expect(baseline).toContain('export const downRevision: string | string[] | null = null;');
      expect(await databasesLike(past.url, `${past.name.slice(0, 46)}_scratch_`)).toEqual([]);

      // A fresh database built from the squashed history has the schema the original history built.
      await upgrade(configOf(fresh), 'c3c3');
      expect(await schemaOf(fresh.url)).toEqual(atC3);
      await upgrade(configOf(fresh), 'head');
      expect(await schemaOf(fresh.url)).toEqual(atHead);

      // A database already past c3 runs nothing, and d4 still steps down to c3 and back.
      expect((await upgrade(configOf(past), 'head')).steps).toEqual([]);
      expect((await downgrade(configOf(past), '-1')).steps.map(shortLog)).toEqual(['downgrade d4d4 -> c3c3']);
      expect((await upgrade(configOf(past), 'head')).steps.map(shortLog)).toEqual(['upgrade c3c3 -> d4d4']);
      expect((await current(configOf(past))).heads).toEqual(['d4d4']);
      expect(await schemaOf(past.url)).toEqual(atHead);
    });

    it('refuses, changing nothing, when a branch crosses the revision', async () => {
      const directory = path.join(dir, 'crossing');
      writeHistory(directory, [['e5e5', 'b2b2']]);
      const before = files(directory);
      const db = await database('crossing');
      const attempt = squash({ directory, database: { url: db.url } }, 'c3c3');
      await expect(attempt).rejects.toThrow(CommandError);
      await expect(attempt).rejects.toThrow(
        'Revision e5e5 branches from b2b2, below c3c3, so squashing c3c3 would lose its parent; merge that branch first, or squash a revision above it',
      );
      expect(files(directory)).toEqual(before);
    });

    it('refuses, changing nothing, when a later revision depends on a squashed one', async () => {
      const directory = path.join(dir, 'depends-on');
      writeHistory(directory, [['e5e5', 'd4d4', 'b2b2']]);
      const before = files(directory);
      const db = await database('depends on');
      await expect(squash({ directory, database: { url: db.url } }, 'c3c3')).rejects.toThrow(
        'Revision e5e5 depends on b2b2, below c3c3, which squashing would remove; make it depend on c3c3, or squash a revision above b2b2',
      );
      expect(files(directory)).toEqual(before);
    });

    it('refuses, changing nothing, when the configured database is below the revision', async () => {
      const directory = path.join(dir, 'below');
      writeHistory(directory);
      const before = files(directory);
      const db = await database('below');
      const config = { directory, database: { url: db.url } };
      await upgrade(config, 'b2b2');
      await expect(squash(config, 'c3c3')).rejects.toThrow(
        'The database is at b2b2, below c3c3, a revision squashing would remove; upgrade it to c3c3 first, as every database must be before the squash is deployed',
      );
      expect(files(directory)).toEqual(before);
      expect((await current(config)).heads).toEqual(['b2b2']);
    });

    it('refuses, changing nothing, when the identifier names several revisions', async () => {
      const directory = path.join(dir, 'two-heads');
      writeHistory(directory, [['e5e5', 'c3c3']]);
      const before = files(directory);
      const db = await database('two heads');
      await expect(squash({ directory, database: { url: db.url } }, 'heads')).rejects.toThrow(
        "squash needs one revision, but 'heads' names d4d4, e5e5; give a single revision id",
      );
      expect(files(directory)).toEqual(before);
    });
  });
}

describe('squash with several databases', () => {
  it('refuses in one line before reading anything', async () => {
    const configs = ['default', 'analytics'].map((databaseName) => ({
      directory: 'nowhere',
      databaseName,
      database: { url: 'sqlite:nowhere.db' },
    }));
    await expect(squash(configs, 'head')).rejects.toThrow(
      new CommandError('squash works on the history of one database; a multidb baseline is not supported'),
    );
  });
});
