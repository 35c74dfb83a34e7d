import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import type { MigrationConfig } from '../../src/config/migration-config';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { Migrate } from '../../src/nest/migrate.service';
import { MigrationConfigure } from '../../src/nest/migration-configure.decorator';
import { MigrationModule } from '../../src/nest/migration.module';
import { MigrationCliModule } from '../../src/cli/migration-cli.module';

/** A service a configure callback depends on, as a ConfigService would be. */
@Injectable()
class TableNaming {
  readonly prefix = 'app';
}

/** A @MigrationConfigure() provider using an injected service: it renames the version table. */
@Injectable()
class VersionTableNamer {
  constructor(private readonly naming: TableNaming) {}

  @MigrationConfigure()
  configure(config: MigrationConfig): MigrationConfig {
    const base = config.versionTable?.tableName ?? 'versions';
    return { ...config, versionTable: { ...config.versionTable, tableName: `${this.naming.prefix}_${base}` } };
  }
}

@Module({ providers: [TableNaming], exports: [TableNaming] })
class NamingModule {}

function writeHistory(directory: string): void {
  fs.mkdirSync(path.join(directory, 'versions'), { recursive: true });
  fs.writeFileSync(
    path.join(directory, 'versions', 'ab01_create_notes.ts'),
    `/**
 * Create notes
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'ab01';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY)');
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE notes');
}
`,
  );
}

async function versionRows(url: string, table: string): Promise<string[]> {
  const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
  try {
    const rows = (await dataSource.query(`SELECT version_num FROM ${table}`)) as { version_num: string }[];
    return rows.map((r) => r.version_num);
  } finally {
    await dataSource.destroy();
  }
}

for (const dialect of dialectsUnderTest()) {
  describe(`MigrationModule on ${dialect}`, () => {
    let dir: string;
    const databases: TestDatabase[] = [];

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-module-'));
      writeHistory(path.join(dir, 'migrations'));
    });

    // Dropping several databases takes more than Jest's default 5 s on a busy machine.
    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    async function database(name: string): Promise<TestDatabase> {
      const db = await createTestDatabase(dialect, `module ${name}`);
      databases.push(db);
      return db;
    }

    const typeorm = (url: string) => TypeOrmModule.forRoot({ ...parseDatabaseUrl(url).dataSourceOptions, retryAttempts: 1 });

    it('forRoot: a @MigrationConfigure() provider with an injected service renames the version table', async () => {
      const db = await database('callback');
      const moduleRef = await Test.createTestingModule({
        imports: [typeorm(db.url), NamingModule, MigrationModule.forRoot({ directory: path.join(dir, 'migrations') })],
        providers: [VersionTableNamer],
      }).compile();
      await moduleRef.init();
      try {
        const migrate = moduleRef.get(Migrate);
        expect((await migrate.upgrade('heads')).heads).toEqual(['ab01']);
        expect((await migrate.current()).heads).toEqual(['ab01']);
      } finally {
        await moduleRef.close();
      }
      expect(await versionRows(db.url, 'app_versions')).toEqual(['ab01']);
    });

    it('forRootAsync: options from a factory; option callbacks run before provider callbacks', async () => {
      const db = await database('async');
      const moduleRef = await Test.createTestingModule({
        imports: [
          typeorm(db.url),
          MigrationModule.forRootAsync({
            imports: [NamingModule],
            inject: [TableNaming],
            useFactory: (naming: TableNaming) => ({
              directory: path.join(dir, 'migrations'),
              configure: [(config: MigrationConfig) => ({ ...config, versionTable: { tableName: `${naming.prefix}_from_options` } })],
            }),
          }),
          NamingModule,
        ],
        providers: [VersionTableNamer],
      }).compile();
      await moduleRef.init();
      try {
        await moduleRef.get(Migrate).upgrade();
      } finally {
        await moduleRef.close();
      }
      expect(await versionRows(db.url, 'app_app_from_options')).toEqual(['ab01']);
    });

    it('runOnBootstrap applies pending revisions when the application starts', async () => {
      const db = await database('bootstrap');
      const moduleRef = await Test.createTestingModule({
        imports: [
          typeorm(db.url),
          MigrationModule.forRoot({ directory: path.join(dir, 'migrations'), runOnBootstrap: true, isGlobal: true }),
        ],
      }).compile();
      await moduleRef.init();
      await moduleRef.close();
      expect(await versionRows(db.url, 'migration_version')).toEqual(['ab01']);
    });

    it('runOnBootstrap upgrades nothing when the app runs as the CLI (MigrationCliModule)', async () => {
      const db = await database('bootstrap cli');
      const moduleRef = await Test.createTestingModule({
        imports: [
          typeorm(db.url),
          MigrationModule.forRoot({ directory: path.join(dir, 'migrations'), runOnBootstrap: true }),
          MigrationCliModule,
        ],
      }).compile();
      await moduleRef.init();
      try {
        expect((await moduleRef.get(Migrate).current()).heads).toEqual([]);
      } finally {
        await moduleRef.close();
      }
    });
  });
}
