import { Test } from '@nestjs/testing';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { upgrade } from '../../src/commands/upgrade';
import { Migrate } from '../../src/nest/migrate.service';
import { MigrationModule } from '../../src/nest/migration.module';
import { recorder, withDataSource } from '../support/recording';

// Revisions that reuse the app's providers: `op.get(Seeder)` and `export const inject = [...]`,
// resolved from the Nest app when run through MigrationModule.

/** The app's service, in a file of its own that the revisions import, as an app's revisions import its services. */
const SEEDER_JS = `
class Seeder {
  constructor() { this.names = ['News', 'How To']; }
  slug(name) { return name.toLowerCase().replace(/ /g, '-'); }
  async seed(op) {
    await op.bulkInsert('tags', this.names.map((name, i) => ({ id: i + 1, name: this.slug(name) })));
  }
}
exports.Seeder = Seeder;
`;

/** A class like the one in seeder.js, named Seeder, but each call a new class (a new token). */
function seederCopy(): new () => object {
  return class Seeder {
    readonly names = ['News', 'How To'];
    slug(name: string): string {
      return name.toLowerCase().replace(/ /g, '-');
    }
    async seed(op: { bulkInsert(table: string, rows: object[]): Promise<void> }): Promise<void> {
      await op.bulkInsert(
        'tags',
        this.names.map((name, i) => ({ id: i + 1, name: this.slug(name) })),
      );
    }
  };
}

function writeHistory(directory: string): void {
  const versions = path.join(directory, 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(directory, 'seeder.js'), SEEDER_JS);
  fs.writeFileSync(
    path.join(versions, 'sv01_seed_tags.ts'),
    `/**
 * seed tags
 */
import type { MigrationOps } from '@nest-migrate/migration';
import { Seeder } from '../seeder';

export const revision = 'sv01';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  const seeder = op.get(Seeder);
  await op.createTable('tags', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'name', type: 'varchar(50)', nullable: false },
  ]);
  await seeder.seed(op);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('tags');
}
`,
  );
  fs.writeFileSync(
    path.join(versions, 'sv02_label_tags.ts'),
    `/**
 * label tags
 */
import type { MigrationOps } from '@nest-migrate/migration';
import type { Seeder } from '../seeder';

export const revision = 'sv02';
export const downRevision: string | string[] | null = 'sv01';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

// The seeder by its class name: the revision imports its type only.
export const inject = ['LABEL_PREFIX', 'Seeder'];

export async function upgrade(op: MigrationOps, prefix: string, seeder: Seeder): Promise<void> {
  await op.execute(\`UPDATE tags SET name = \${op.inlineLiteral(prefix + seeder.slug('X'))} WHERE id = 1\`);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute("UPDATE tags SET name = 'news' WHERE id = 1");
}
`,
  );
}

for (const dialect of dialectsUnderTest()) {
  describe(`services in revisions on ${dialect}`, () => {
    let dir: string;
    let directory: string;
    // The class the revisions import, required the way the revision loader requires their
    // imports (createRequire), so that it is the same class, the same token: under Jest,
    // createRequire goes through Jest's registry, where another way of loading would make a copy.
    let Seeder: new () => object;
    const databases: TestDatabase[] = [];

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-services-'));
      directory = path.join(dir, 'migrations');
      writeHistory(directory);
      Seeder = (createRequire(__filename)(path.join(directory, 'seeder.js')) as { Seeder: new () => object }).Seeder;
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    async function database(name: string): Promise<TestDatabase> {
      const db = await createTestDatabase(dialect, `services ${name}`);
      databases.push(db);
      return db;
    }

    async function withMigrate<T>(
      url: string,
      providers: { provide: unknown; useValue?: unknown; useClass?: new () => object }[],
      use: (migrate: Migrate) => Promise<T>,
    ): Promise<T> {
      const moduleRef = await Test.createTestingModule({
        imports: [MigrationModule.forRoot({ directory, dataSource: { url } })],
        providers: providers as never[],
      }).compile();
      await moduleRef.init();
      try {
        return await use(moduleRef.get(Migrate));
      } finally {
        await moduleRef.close();
      }
    }

    const state = (url: string) =>
      withDataSource(url, async (ds) => {
        const runner = ds.createQueryRunner();
        try {
          const versions = (await runner.hasTable('migration_version'))
            ? ((await ds.query('SELECT version_num FROM migration_version')) as { version_num: string }[]).map((r) => r.version_num)
            : [];
          const tags = (await runner.hasTable('tags'))
            ? ((await ds.query('SELECT id, name FROM tags ORDER BY id')) as { id: number; name: string }[])
            : undefined;
          return { versions, tags: tags?.map((t) => ({ id: Number(t.id), name: t.name })) };
        } finally {
          await runner.release();
        }
      });

    it('through MigrationModule: op.get and the inject list give the revisions the app providers', async () => {
      const db = await database('module');
      const result = await withMigrate(
        db.url,
        [
          { provide: Seeder, useClass: Seeder },
          { provide: 'LABEL_PREFIX', useValue: 'top-' },
        ],
        (migrate) => migrate.upgrade('head'),
      );
      expect(result.heads).toEqual(['sv02']);
      expect(await state(db.url)).toEqual({
        versions: ['sv02'],
        tags: [
          { id: 1, name: 'top-x' },
          { id: 2, name: 'how-to' },
        ],
      });
    });

    it('a second copy of the class (revisions compiled from src, the app run from dist) finds the provider by its name', async () => {
      const db = await database('copy');
      /** The same class as the app's build has it: same name, another identity. */
      const BuiltSeeder = seederCopy();
      const result = await withMigrate(
        db.url,
        [
          { provide: BuiltSeeder, useClass: BuiltSeeder },
          { provide: 'LABEL_PREFIX', useValue: 'copy-' },
        ],
        (migrate) => migrate.upgrade('head'),
      );
      expect(result.heads).toEqual(['sv02']);
      expect((await state(db.url)).tags).toEqual([
        { id: 1, name: 'copy-x' },
        { id: 2, name: 'how-to' },
      ]);
      // Two providers of that name: which one is meant cannot be told, so the revision fails.
      const other = await database('copies');
      const Other = seederCopy();
      await expect(
        withMigrate(
          other.url,
          [
            { provide: BuiltSeeder, useClass: BuiltSeeder },
            { provide: Other, useClass: Other },
          ],
          (migrate) => migrate.upgrade('head'),
        ),
      ).rejects.toThrow(
        `revision sv01 (${path.join(directory, 'versions', 'sv01_seed_tags.ts')}) failed in upgrade: ` +
          'op.get(Seeder): the app has 2 providers of classes named Seeder; import the class the app registers, or give the provider a token of its own',
      );
      expect(await state(other.url)).toEqual({ versions: [], tags: undefined });
    });

    it('without the Nest app (the bare core), op.get fails the revision in one line and nothing changes', async () => {
      const db = await database('core');
      await expect(upgrade({ directory, database: { url: db.url } }, 'head')).rejects.toThrow(
        `revision sv01 (${path.join(directory, 'versions', 'sv01_seed_tags.ts')}) failed in upgrade: ` +
          "op.get(Seeder) needs the Nest app's providers; run this revision through MigrationModule (the app's CLI or the Migrate service)",
      );
      expect(await state(db.url)).toEqual({ versions: [], tags: undefined });
    });

    it('a provider the app lacks fails its revision with one line naming it', async () => {
      const db = await database('missing');
      await expect(withMigrate(db.url, [{ provide: Seeder, useClass: Seeder }], (migrate) => migrate.upgrade('head'))).rejects.toThrow(
        `revision sv02 (${path.join(directory, 'versions', 'sv02_label_tags.ts')}) failed in upgrade: ` +
          "op.get('LABEL_PREFIX'): the Nest app has no provider 'LABEL_PREFIX'; add it to the providers of a module the app imports",
      );
      // One transaction for the run rolls sv01 back too; MySQL commits each revision on its own.
      expect(await state(db.url)).toEqual(
        dialect === 'mysql'
          ? {
              versions: ['sv01'],
              tags: [
                { id: 1, name: 'news' },
                { id: 2, name: 'how-to' },
              ],
            }
          : { versions: [], tags: undefined },
      );
    });

    it('under --sql, a service that writes through op goes into the script', async () => {
      const out = recorder();
      // No connection is made: the URL only gives the dialect.
      const url = dialect === 'sqlite' ? `sqlite:${path.join(dir, 'offline.db')}` : (await database('offline')).url;
      await withMigrate(
        url,
        [
          { provide: Seeder, useClass: Seeder },
          { provide: 'LABEL_PREFIX', useValue: 'top-' },
        ],
        (migrate) => migrate.upgrade('head', { sql: true, output: out }),
      );
      const q = dialect === 'mysql' ? '`' : '"';
      expect(out.script).toContain(`INSERT INTO ${q}tags${q} (${q}id${q}, ${q}name${q}) VALUES (1, 'news');`);
      expect(out.script).toContain(`INSERT INTO ${q}tags${q} (${q}id${q}, ${q}name${q}) VALUES (2, 'how-to');`);
      expect(out.script).toContain("UPDATE tags SET name = 'top-x' WHERE id = 1;");
    });
  });
}
