import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, packagesLoadedBy, runDemo } from './demo-cli';

// The compile cache as a user meets it: the first upgrade compiles the .ts revision into
// versions/__revcache__/, the next run reads it from there (sucrase is not even loaded), and an
// edited revision is compiled again. The cache does not depend on the database, so SQLite only.

function revisionFile(table: string): string {
  return [
    '/**',
    ' * cc01',
    ' */',
    "import type { MigrationOps } from '@nest-migrate/migration';",
    '',
    "export const revision = 'cc01';",
    'export const downRevision: string | string[] | null = null;',
    'export const branchLabels: string | string[] | null = null;',
    'export const dependsOn: string | string[] | null = null;',
    '',
    'export async function upgrade(op: MigrationOps): Promise<void> {',
    `  await op.execute('CREATE TABLE ${table} (id INTEGER)');`,
    '}',
    '',
    'export async function downgrade(op: MigrationOps): Promise<void> {',
    `  await op.execute('DROP TABLE ${table}');`,
    '}',
    '',
  ].join('\n');
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
});

describe('the compile cache of .ts revisions, through the CLI', () => {
  let cwd: string;
  const url = 'sqlite:cache.db';
  const cache = () => join(cwd, 'migrations', 'versions', '__revcache__');

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-cache-e2e-'));
    mkdirSync(join(cwd, 'migrations', 'versions'), { recursive: true });
    writeFileSync(join(cwd, 'migrations', 'versions', 'cc01_create.ts'), revisionFile('first_table'));
  });

  afterAll(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  /** The tables of the SQLite file. */
  function tables(): string[] {
    const sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new sqlite(join(cwd, 'cache.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
      return rows.map((row) => row.name);
    } finally {
      db.close();
    }
  }

  it('compiles on the first upgrade, and runs from the cache without sucrase on the next', () => {
    const first = packagesLoadedBy(cwd, url, 'upgrade');
    // Each step line ends with its time (issue 19b's progress lines).
    expect(first.run).toEqual({
      code: 0,
      stdout: '',
      stderr: expect.stringMatching(/^Running upgrade {2}-> cc01, cc01 \(\d+\.\d+ s\)\n$/),
    });
    expect(first.packages).toContain('sucrase');
    expect(readdirSync(cache())).toEqual([expect.stringMatching(/^cc01_create\.[0-9a-f]{16}\.js$/)]);
    expect(tables()).toEqual(['first_table', 'migration_version', 'migration_version_log']);

    const down = packagesLoadedBy(cwd, url, 'downgrade', 'base');
    expect(down.run).toEqual({ code: 0, stdout: '', stderr: expect.stringMatching(/^Running downgrade cc01 -> , cc01 \(\d+\.\d+ s\)\n$/) });
    expect(down.packages).not.toContain('sucrase');
    expect(readdirSync(cache())).toHaveLength(1);
  });

  it('compiles an edited revision again, into an entry of its own', () => {
    writeFileSync(join(cwd, 'migrations', 'versions', 'cc01_create.ts'), revisionFile('second_table'));
    const run = packagesLoadedBy(cwd, url, 'upgrade');
    expect(run.run).toEqual({ code: 0, stdout: '', stderr: expect.stringMatching(/^Running upgrade {2}-> cc01, cc01 \(\d+\.\d+ s\)\n$/) });
    expect(run.packages).toContain('sucrase');
    expect(readdirSync(cache())).toHaveLength(2);
    expect(tables()).toEqual(['migration_version', 'migration_version_log', 'second_table']);
  });

  it('is not a revision to the graph commands', () => {
    expect(runDemo(cwd, url, 'history')).toEqual({ code: 0, stdout: '<base> -> cc01 (head), cc01\n', stderr: '' });
  });
});
