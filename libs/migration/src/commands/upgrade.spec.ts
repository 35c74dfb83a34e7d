import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upgrade } from './upgrade';

// upgrade --sql needs no database: these run offline on a temporary migrations directory.
describe('upgrade --sql', () => {
  let directory: string;

  beforeAll(() => {
    directory = join(mkdtempSync(join(tmpdir(), 'nest-migrate-upgrade-')), 'migrations');
    mkdirSync(join(directory, 'versions'), { recursive: true });
    writeFileSync(
      join(directory, 'versions', 'aa01_items.ts'),
      `/**
 * Items
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'aa01';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.createTable('items', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(20)', unique: true }]);
  await op.createIndex(null, 'items', ['name']);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('items');
}
`,
    );
  });

  afterAll(() => rmSync(join(directory, '..'), { recursive: true, force: true }));

  async function script(config: Partial<Parameters<typeof upgrade>[0]> = {}): Promise<string> {
    let sql = '';
    await upgrade({ directory, database: { url: 'postgres://nobody@127.0.0.1:1/none' }, ...config }, 'base:heads', {
      sql: true,
      output: { info: () => undefined, warn: () => undefined, sql: (text) => (sql += text) },
    });
    return sql;
  }

  it('names unnamed indexes and constraints by the default convention', async () => {
    const sql = await script();
    expect(sql).toContain('CONSTRAINT "uq_items_name" UNIQUE ("name")');
    expect(sql).toContain('CREATE INDEX "ix_items_name" ON "items" ("name")');
  });

  it('takes the configured naming convention, merged over the default', async () => {
    const sql = await script({ namingConvention: { ix: 'idx_%(table_name)s_%(column_0_name)s' } });
    expect(sql).toContain('CREATE INDEX "idx_items_name" ON "items" ("name")');
    expect(sql).toContain('CONSTRAINT "uq_items_name" UNIQUE ("name")');
  });
});
