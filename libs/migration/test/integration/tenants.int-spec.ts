import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { currentTenants } from '../../src/commands/tenants/current-tenants';
import type { TenantDescriptor } from '../../src/commands/tenants/tenant';
import { downgradeTenants, upgradeTenants } from '../../src/commands/tenants/migrate-tenants';
import type { MigrationConfig } from '../../src/config/migration-config';
import { Migrate } from '../../src/nest/migrate.service';
import { parseDatabaseUrl } from '../../src/runtime/database-url';
import { MigrationModule } from '../../src/nest/migration.module';
import { recorder, withDataSource } from '../support/recording';

// One history run on many tenants, each independently: a tenant whose database already has a
// table the history creates fails, and the others finish.

function revisionFile(revision: string, downRevision: string | null, upgrade: string, downgrade: string): string {
  return `/**
 * ${revision}
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${revision}';
export const downRevision: string | string[] | null = ${downRevision === null ? 'null' : `'${downRevision}'`};
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  ${upgrade}
}

export async function downgrade(op: MigrationOps): Promise<void> {
  ${downgrade}
}
`;
}

function writeHistory(directory: string): void {
  const versions = path.join(directory, 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(
    path.join(versions, 'te01_create_notes.ts'),
    revisionFile('te01', null, "await op.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY)');", "await op.execute('DROP TABLE notes');"),
  );
  fs.writeFileSync(
    path.join(versions, 'te02_create_labels.ts'),
    revisionFile(
      'te02',
      'te01',
      "await op.execute('CREATE TABLE labels (id INTEGER PRIMARY KEY)');",
      "await op.execute('DROP TABLE labels');",
    ),
  );
}

/** The version table's rows in a database (or a schema of it); none when it has no version table. */
async function versionRows(url: string, schema?: string): Promise<string[]> {
  return withDataSource(url, async (dataSource) => {
    const table = schema === undefined ? 'migration_version' : `${schema}.migration_version`;
    if (!(await hasTable(dataSource, schema === undefined ? 'migration_version' : table))) return [];
    const rows = (await dataSource.query(`SELECT version_num FROM ${table}`)) as { version_num: string }[];
    return rows.map((r) => r.version_num);
  });
}

async function hasTable(dataSource: DataSource, table: string): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  try {
    return await runner.hasTable(table);
  } finally {
    await runner.release();
  }
}

/** What a tenant's database already has a `notes` table makes each dialect say. */
const CONFLICT: Record<string, string> = {
  sqlite: 'table notes already exists',
  postgres: 'relation "notes" already exists',
  mysql: "Table 'notes' already exists",
};

for (const dialect of dialectsUnderTest()) {
  describe(`tenants on ${dialect}`, () => {
    let dir: string;
    let directory: string;
    const databases: TestDatabase[] = [];
    let acme: TestDatabase;
    let beta: TestDatabase;
    let gamma: TestDatabase;
    let tenants: TenantDescriptor[];

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-tenants-'));
      directory = path.join(dir, 'migrations');
      writeHistory(directory);
      for (const name of ['acme', 'beta', 'gamma']) databases.push(await createTestDatabase(dialect, `tenants ${name}`));
      [acme, beta, gamma] = databases;
      // gamma already has a table the history creates: its upgrade fails.
      await withDataSource(gamma.url, (ds) => ds.query('CREATE TABLE notes (x INTEGER)'));
      tenants = [
        { name: 'acme', url: acme.url },
        { name: 'gamma', url: gamma.url },
        { name: 'beta', url: beta.url },
      ];
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    const base = (): MigrationConfig => ({ directory, database: { url: acme.url } });

    it('upgrades every tenant on its own: one failing leaves the others to finish, the report in the configured order', async () => {
      const out = recorder();
      const results = await upgradeTenants(base(), tenants, 'head', { concurrency: 2, output: out });
      expect(results).toEqual([
        { tenant: 'acme', status: 'upgraded', from: [], to: ['te02'], revisions: 2, error: null },
        {
          tenant: 'gamma',
          status: 'failed',
          from: null,
          to: null,
          revisions: 0,
          error: expect.stringMatching(
            new RegExp(`^revision te01 \\(.*te01_create_notes\\.ts\\) failed in upgrade: .*${escape(CONFLICT[dialect])}`),
          ),
        },
        { tenant: 'beta', status: 'upgraded', from: [], to: ['te02'], revisions: 2, error: null },
      ]);
      // Progress lines say whose they are.
      expect(out.lines.filter((line) => line.startsWith('tenant beta: '))).toEqual([
        'tenant beta: Running upgrade  -> te01, te01',
        'tenant beta: Running upgrade te01 -> te02, te02',
      ]);
      expect(await versionRows(acme.url)).toEqual(['te02']);
      expect(await versionRows(beta.url)).toEqual(['te02']);
      // The failed tenant is as it was: its own notes table, no version recorded.
      expect(await versionRows(gamma.url)).toEqual([]);
      expect(await withDataSource(gamma.url, (ds) => hasTable(ds, 'labels'))).toBe(false);
    });

    it('reports the tenants already current, and upgrades the repaired one alone when named', async () => {
      const again = await upgradeTenants(
        base(),
        tenants.filter((t) => t.name !== 'gamma'),
        'head',
      );
      expect(again.map(({ tenant, status, from, to }) => ({ tenant, status, from, to }))).toEqual([
        { tenant: 'acme', status: 'current', from: ['te02'], to: ['te02'] },
        { tenant: 'beta', status: 'current', from: ['te02'], to: ['te02'] },
      ]);
      await withDataSource(gamma.url, (ds) => ds.query('DROP TABLE notes'));
      const repaired = await upgradeTenants(base(), [tenants[1]], 'te01');
      expect(repaired).toEqual([{ tenant: 'gamma', status: 'upgraded', from: [], to: ['te01'], revisions: 1, error: null }]);
    });

    it('current --tenants: where each tenant is, a tenant that cannot be read reported as failed', async () => {
      const missing: TenantDescriptor =
        dialect === 'sqlite'
          ? { name: 'ghost', url: `sqlite:${path.join(dir, 'ghost.db')}` }
          : { name: 'ghost', url: acme.url.replace(acme.name, `${acme.name}_ghost`) };
      const results = await currentTenants(base(), [...tenants, missing], { concurrency: 3 });
      expect(results.map(({ tenant, status, heads }) => ({ tenant, status, heads }))).toEqual([
        { tenant: 'acme', status: 'ok', heads: ['te02'] },
        { tenant: 'gamma', status: 'ok', heads: ['te01'] },
        { tenant: 'beta', status: 'ok', heads: ['te02'] },
        { tenant: 'ghost', status: 'failed', heads: null },
      ]);
      expect(results[0].revisions.map((s) => s.revision)).toEqual(['te02']);
      const ghost = `${acme.name}_ghost`;
      const reasons: Record<string, string> = {
        sqlite: `could not open sqlite at ${path.join(dir, 'ghost.db')}: the file does not exist, and this command only reads; correct the database path, or run 'upgrade' to create the database`,
        postgres: `could not connect to postgres at 127.0.0.1:5432/${ghost}: database "${ghost}" does not exist`,
        mysql: `could not connect to mysql at 127.0.0.1:3306/${ghost}: Unknown database '${ghost}'`,
      };
      expect(results[3].error).toBe(reasons[dialect]);
    });

    it('takes a DataSource or its options: options get a DataSource of their own, closed after; the app keeps its own open', async () => {
      const app = new DataSource(parseDatabaseUrl(beta.url).dataSourceOptions);
      try {
        const results = await currentTenants(base(), [
          { name: 'acme', dataSource: parseDatabaseUrl(acme.url).dataSourceOptions },
          { name: 'beta', dataSource: app },
        ]);
        expect(results.map(({ tenant, status, heads }) => ({ tenant, status, heads }))).toEqual([
          { tenant: 'acme', status: 'ok', heads: ['te02'] },
          { tenant: 'beta', status: 'ok', heads: ['te02'] },
        ]);
        expect(app.isInitialized).toBe(true);
        // PostgreSQL ends a backend before its client's close completes, so no session of the
        // tenant's own DataSource is left. (MySQL may list a closing session a moment longer.)
        if (dialect === 'postgres') {
          const [{ n }] = await app.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${acme.name}'`);
          expect(Number(n)).toBe(0);
        }
      } finally {
        if (app.isInitialized) await app.destroy();
      }
    });

    it('downgrades each tenant from its own heads; a tenant already at the target is current', async () => {
      const results = await downgradeTenants(base(), tenants, 'te01', { concurrency: 3 });
      expect(results).toEqual([
        { tenant: 'acme', status: 'downgraded', from: ['te02'], to: ['te01'], revisions: 1, error: null },
        { tenant: 'gamma', status: 'current', from: ['te01'], to: ['te01'], revisions: 0, error: null },
        { tenant: 'beta', status: 'downgraded', from: ['te02'], to: ['te01'], revisions: 1, error: null },
      ]);
      expect(await withDataSource(acme.url, (ds) => hasTable(ds, 'labels'))).toBe(false);
      const back = await upgradeTenants(
        base(),
        tenants.filter((t) => t.name !== 'gamma'),
        'head',
      );
      expect(back.map((r) => r.status)).toEqual(['upgraded', 'upgraded']);
    });

    it('through MigrationModule: tenants from a provider the app implements, selected by name', async () => {
      @Injectable()
      class TenantCatalog {
        async targets(): Promise<TenantDescriptor[]> {
          return tenants;
        }
      }
      @Module({ providers: [TenantCatalog], exports: [TenantCatalog] })
      class CatalogModule {}
      const moduleRef = await Test.createTestingModule({
        imports: [
          CatalogModule,
          MigrationModule.forRoot({
            directory,
            dataSource: { url: acme.url },
            tenants: { inject: [TenantCatalog], useFactory: (catalog: TenantCatalog) => catalog.targets() },
          }),
        ],
      }).compile();
      await moduleRef.init();
      try {
        const migrate = moduleRef.get(Migrate);
        await expect(migrate.upgradeTenants('head', { tenants: 'gamma,zed' })).rejects.toThrow(
          "Unknown tenant 'zed'; the configured tenants are acme, gamma, beta",
        );
        expect(await versionRows(gamma.url)).toEqual(['te01']);
        const results = await migrate.upgradeTenants('head', { tenants: 'gamma' });
        expect(results).toEqual([{ tenant: 'gamma', status: 'upgraded', from: ['te01'], to: ['te02'], revisions: 1, error: null }]);
        expect((await migrate.currentTenants({ tenants: true })).map((r) => r.heads)).toEqual([['te02'], ['te02'], ['te02']]);
      } finally {
        await moduleRef.close();
      }
    });

    if (dialect === 'postgres') {
      describe('schema tenants', () => {
        let shared: TestDatabase;

        beforeAll(async () => {
          shared = await createTestDatabase(dialect, 'tenants schemas');
          databases.push(shared);
          await withDataSource(shared.url, async (ds) => {
            for (const schema of ['t_one', 't_two', 't_three']) await ds.query(`CREATE SCHEMA ${schema}`);
            await ds.query('CREATE TABLE t_three.labels (x INTEGER)');
          });
        });

        const schemas: TenantDescriptor[] = [
          { name: 'one', schema: 't_one' },
          { name: 'two', schema: 't_two' },
          { name: 'three', schema: 't_three' },
          { name: 'four', schema: 't_four' },
        ];

        it('runs each schema with its own version table and its own lock; unqualified statements land in it', async () => {
          const config: MigrationConfig = { directory, database: { url: shared.url }, lockTimeoutMs: 1000 };
          // Another deployment holds schema two's lock (its key is the qualified version table).
          await withDataSource(shared.url, async (holder) => {
            const runner = holder.createQueryRunner();
            await runner.connect();
            try {
              await runner.query("SELECT pg_advisory_lock(hashtext('t_two.migration_version'))");
              const results = await upgradeTenants(config, schemas, 'head', { concurrency: 4 });
              expect(results.map(({ tenant, status, to }) => ({ tenant, status, to }))).toEqual([
                { tenant: 'one', status: 'upgraded', to: ['te02'] },
                { tenant: 'two', status: 'failed', to: null },
                { tenant: 'three', status: 'failed', to: null },
                { tenant: 'four', status: 'failed', to: null },
              ]);
              expect(results[1].error).toBe(
                'Timed out after 1000 ms waiting for the migration lock on postgres; another deployment is migrating this database: wait for it to finish, or raise lockTimeoutMs',
              );
              expect(results[2].error).toMatch(/^revision te02 \(.*\) failed in upgrade: relation "labels" already exists/);
              expect(results[3].error).toBe('schema "t_four" does not exist');
            } finally {
              await runner.release();
            }
          });
          expect(await versionRows(shared.url, 't_one')).toEqual(['te02']);
          expect(await versionRows(shared.url, 't_two')).toEqual([]);
          expect(await versionRows(shared.url, 't_three')).toEqual([]);
          await withDataSource(shared.url, async (ds) => {
            const tables = (await ds.query(
              "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 't_one', 't_two', 't_three') ORDER BY 1",
            )) as { name: string }[];
            expect(tables.map((t) => t.name)).toEqual([
              't_one.labels',
              't_one.migration_version',
              't_one.migration_version_log',
              't_one.notes',
              't_three.labels',
            ]);
          });
          // With the lock free, schema two goes ahead; one is current.
          const second = await upgradeTenants(config, schemas.slice(0, 2), 'head');
          expect(second.map(({ tenant, status }) => ({ tenant, status }))).toEqual([
            { tenant: 'one', status: 'current' },
            { tenant: 'two', status: 'upgraded' },
          ]);
          expect(await versionRows(shared.url, 't_two')).toEqual(['te02']);
        });

        it('shares an application DataSource among the schemas and gives its connections back on their own search_path', async () => {
          const app = new DataSource({ ...parseDatabaseUrl(shared.url).dataSourceOptions, poolSize: 2 } as never);
          try {
            const results = await currentTenants({ directory, database: { dataSource: app } }, schemas.slice(0, 3), { concurrency: 3 });
            expect(results.map((r) => r.heads)).toEqual([['te02'], ['te02'], []]);
            const paths = await Promise.all([1, 2].map(() => app.query('SHOW search_path') as Promise<{ search_path: string }[]>));
            expect(paths.map((rows) => rows[0].search_path)).toEqual(['"$user", public', '"$user", public']);
          } finally {
            if (app.isInitialized) await app.destroy();
          }
        });

        it('refuses a schema tenant on a database that is not PostgreSQL', async () => {
          const sqlite = `sqlite:${path.join(dir, 'schemas.db')}`;
          const results = await upgradeTenants({ directory, database: { url: sqlite } }, [{ name: 'one', schema: 't_one' }], 'head');
          expect(results[0].error).toBe(
            "schema 't_one' needs PostgreSQL, but the database is sqlite; give this tenant a url or dataSource instead",
          );
        });
      });
    }
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
