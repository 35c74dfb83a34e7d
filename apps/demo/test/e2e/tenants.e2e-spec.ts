import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '@nest-migrate/migration';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { DemoRun, MAIN, timesMasked } from './demo-cli';

// The demo with TENANT_DATABASE_URLS: its own history upgraded on three tenant databases, one of
// which already has a table the history creates. And a revision that uses the demo's TagNames
// provider through op.get, which the graph commands never load.
const MIGRATIONS = resolve(__dirname, '../../migrations');
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');
const TAG_NAMES = resolve(__dirname, '../../../../dist/apps/demo/tags/tag-names.service');
const TAG_NAMES_SOURCE = resolve(__dirname, '../../src/tags/tag-names.service');
const HEAD = '9a0b1c2d3e4f';

/** What each dialect says when the users table is there already. */
const CONFLICT: Record<string, string> = {
  sqlite: 'table "users" already exists',
  postgres: 'relation "users" already exists',
  mysql: "Table 'users' already exists",
};

async function query<T>(url: string, sql: string): Promise<T> {
  const dataSource = await new DataSource(parseDatabaseUrl(url).dataSourceOptions).initialize();
  try {
    return (await dataSource.query(sql)) as T;
  } finally {
    await dataSource.destroy();
  }
}

async function versions(url: string): Promise<string[]> {
  try {
    return (await query<{ version_num: string }[]>(url, 'SELECT version_num FROM migration_version')).map((r) => r.version_num);
  } catch {
    return [];
  }
}

for (const dialect of dialectsUnderTest()) {
  describe(`tenants through the demo on ${dialect}`, () => {
    let cwd: string;
    const databases: TestDatabase[] = [];
    let tenantUrls: string;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-tenants-e2e-'));
      symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
      cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
      for (const name of ['acme', 'beta', 'gamma', 'services']) databases.push(await createTestDatabase(dialect, `tenants e2e ${name}`));
      await query(databases[2].url, 'CREATE TABLE users (id INTEGER)');
      tenantUrls = ['acme', 'beta', 'gamma'].map((name, i) => `${name}=${databases[i].url}`).join(',');
    });

    afterAll(async () => {
      for (const database of databases) await database.drop();
      rmSync(cwd, { recursive: true, force: true });
    }, 60_000);

    function demo(...args: string[]): DemoRun {
      const result = spawnSync(process.execPath, [MAIN, ...args], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: databases[3].url, TENANT_DATABASE_URLS: tenantUrls, NO_COLOR: '1' },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    it('upgrade --tenants: the failing tenant is reported, the others finish, exit 1', async () => {
      const run = demo('upgrade', '--tenants', '--concurrency', '2');
      expect(run.stdout).toBe(
        [
          `tenant acme: upgraded base -> ${HEAD} (5 revisions)`,
          `tenant beta: upgraded base -> ${HEAD} (5 revisions)`,
          `tenant gamma: FAILED: revision 3f2a9c01d4e5 (migrations/versions/3f2a9c01d4e5_create_users_table.ts) failed in upgrade: ${CONFLICT[dialect]}`,
          '3 tenants: 2 upgraded, 0 already current, 1 failed',
          '',
        ].join('\n'),
      );
      const stderr = run.stderr.trimEnd().split('\n');
      expect(stderr.pop()).toBe("FAILED: 1 of 3 tenants failed: gamma; see each tenant's line for why");
      expect(stderr.filter((line) => !/^tenant (acme|beta|gamma): Running upgrade /.test(line))).toEqual([]);
      expect(stderr.filter((line) => line.startsWith('tenant acme: '))).toHaveLength(5);
      expect(run.code).toBe(1);
      expect(await versions(databases[0].url)).toEqual([HEAD]);
      expect(await versions(databases[1].url)).toEqual([HEAD]);
      expect(await versions(databases[2].url)).toEqual([]);
    });

    it('an unknown tenant is refused before anything runs', async () => {
      const run = demo('upgrade', '--tenants', 'gamma,zed');
      expect(run).toEqual({ code: 1, stdout: '', stderr: "FAILED: Unknown tenant 'zed'; the configured tenants are acme, beta, gamma\n" });
      expect(await versions(databases[2].url)).toEqual([]);
    });

    it('upgrade --tenants a,b --json: the tenants already current', () => {
      const run = demo('upgrade', '--tenants', 'beta,acme', '--json');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual([
        { tenant: 'acme', status: 'current', from: [HEAD], to: [HEAD], error: null },
        { tenant: 'beta', status: 'current', from: [HEAD], to: [HEAD], error: null },
      ]);
    });

    it('current --tenants prints where each tenant is', () => {
      const run = demo('current', '--tenants');
      expect(run).toEqual({
        code: 0,
        stdout: [
          'tenant  revision',
          `acme    ${HEAD} (head) (mergepoint)`,
          `beta    ${HEAD} (head) (mergepoint)`,
          'gamma   no revision',
          '',
        ].join('\n'),
        stderr: '',
      });
    });

    it('downgrade --tenants moves the named tenant down from its own heads', async () => {
      const run = demo('downgrade', '1975ea83b712', '--tenants', 'acme');
      expect(run.stdout).toBe(
        [
          'tenant acme: downgraded 9a0b1c2d3e4f -> 1975ea83b712 (3 revisions)',
          '1 tenant: 1 downgraded, 0 already current, 0 failed',
          '',
        ].join('\n'),
      );
      expect(run.code).toBe(0);
      expect(await versions(databases[0].url)).toEqual(['1975ea83b712']);
      expect(await versions(databases[1].url)).toEqual([HEAD]);
    });

    it("revisions use the demo's TagNames (op.get with the built class, inject by class name); graph commands never load them", async () => {
      const directory = join(cwd, 'services');
      mkdirSync(join(directory, 'versions'), { recursive: true });
      const marker = join(cwd, 'services-loaded');
      writeFileSync(
        join(directory, 'versions', 'se01_seed_tags.ts'),
        `/**
 * Seed tags
 */
import { appendFileSync } from 'node:fs';
import type { MigrationOps } from '@nest-migrate/migration';
import { TagNames } from ${JSON.stringify(TAG_NAMES)};

appendFileSync(${JSON.stringify(marker)}, 'loaded\\n');

export const revision = 'se01';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.createTable('tags', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'name', type: 'varchar(50)', nullable: false },
  ]);
  await op.get(TagNames).seed(op);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('tags');
}
`,
      );
      // The same provider asked for by class name, its class imported from src as a type only.
      const sourceClass = relative(join(directory, 'versions'), TAG_NAMES_SOURCE);
      writeFileSync(
        join(directory, 'versions', 'se02_add_tag.ts'),
        `/**
 * Add a tag
 */
import type { MigrationOps } from '@nest-migrate/migration';
import type { TagNames } from ${JSON.stringify(sourceClass)};

export const revision = 'se02';
export const downRevision: string | string[] | null = 'se01';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export const inject = ['TagNames'];

export async function upgrade(op: MigrationOps, tags: TagNames): Promise<void> {
  await op.bulkInsert('tags', [{ name: tags.normalize('  Deep Dives ') }]);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute("DELETE FROM tags WHERE name = 'deep-dives'");
}
`,
      );
      for (const command of [['heads'], ['history'], ['show', 'head'], ['branches']]) {
        expect(demo(...command, '-d', directory).code).toBe(0);
      }
      expect(existsSync(marker)).toBe(false);
      const run = demo('upgrade', '-d', directory);
      expect(timesMasked(run)).toEqual({
        code: 0,
        stdout: '',
        stderr: 'Running upgrade  -> se01, Seed tags (<t> s)\nRunning upgrade se01 -> se02, Add a tag (<t> s)\n',
      });
      expect(existsSync(marker)).toBe(true);
      const tags = await query<{ name: string }[]>(databases[3].url, 'SELECT name FROM tags ORDER BY id');
      expect(tags.map((t) => t.name)).toEqual(['news', 'how-to', 'release-notes', 'deep-dives']);
    });
  });
}
