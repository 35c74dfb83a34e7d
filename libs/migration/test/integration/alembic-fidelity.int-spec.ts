import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { current } from '../../src/commands/current';
import { downgrade } from '../../src/commands/downgrade';
import { stamp } from '../../src/commands/stamp';
import { upgrade } from '../../src/commands/upgrade';
import type { MigrationConfig } from '../../src/config/migration-config';
import { CommandError } from '../../src/errors';
import { recorder, withDataSource } from '../support/recording';

/**
 * Where Alembic's answer depends on the database, checked on each dialect (the conformance
 * fixtures record Alembic on SQLite, and replay the graph without one):
 * - the version table's rows are read in the order the database returns them to a plain SELECT,
 *   as Alembic reads them, and `downgrade -1` from several rows steps down from the first;
 * - a plan the version table cannot take fails before any line is printed, any step runs or any
 *   SQL is written, and a `--sql` run that fails part way writes no script at all.
 *
 * a1 -> b2 -> (c3 [feature] -> e5, d4): two heads, e5 and d4.
 */
const HISTORY: [id: string, down: string | null, label: string | null][] = [
  ['a1a1', null, null],
  ['b2b2', 'a1a1', null],
  ['c3c3', 'b2b2', 'feature'],
  ['d4d4', 'b2b2', null],
  ['e5e5', 'c3c3', null],
];

function revisionFile(id: string, down: string | null, label: string | null, upgradeBody = ''): string {
  const literal = (v: string | null) => (v === null ? 'null' : `'${v}'`);
  return `import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${id}';
export const downRevision: string | string[] | null = ${literal(down)};
export const branchLabels: string | string[] | null = ${literal(label)};
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {${upgradeBody}}
export async function downgrade(op: MigrationOps): Promise<void> {}
`;
}

function writeHistory(dir: string, failing?: string): void {
  fs.mkdirSync(path.join(dir, 'versions'), { recursive: true });
  for (const [id, down, label] of HISTORY) {
    const body = id === failing ? "\n  await op.execute('CREATE TABLE t_half (id INTEGER)');\n  throw new Error('half done');\n" : '';
    fs.writeFileSync(path.join(dir, 'versions', `${id}_rev.ts`), revisionFile(id, down, label, body));
  }
}

/** The version table as a plain SELECT returns it, in the database's own order. */
async function rowsAsStored(url: string): Promise<string[]> {
  return withDataSource(url, async (dataSource) =>
    ((await dataSource.query('SELECT version_num FROM migration_version')) as { version_num: string }[]).map((r) => r.version_num),
  );
}

for (const dialect of dialectsUnderTest()) {
  describe(`Alembic's database-dependent answers on ${dialect}`, () => {
    let database: TestDatabase;
    let dir: string;
    let config: MigrationConfig;

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'alembic fidelity');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-fidelity-'));
      writeHistory(path.join(dir, 'migrations'));
      writeHistory(path.join(dir, 'failing'), 'c3c3');
      config = { directory: path.join(dir, 'migrations'), database: { url: database.url } };
    });

    afterAll(async () => {
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reads the rows in the order the database returns them, and downgrade -1 steps down from the first', async () => {
      await stamp(config, ['e5e5']);
      await stamp(config, ['d4d4']);
      // Inserted e5e5, then d4d4, into a fresh table: SQLite returns rowid order and PostgreSQL
      // a fresh heap's insertion order; InnoDB returns primary-key order. Alembic reads the same.
      const stored = dialect === 'mysql' ? ['d4d4', 'e5e5'] : ['e5e5', 'd4d4'];
      expect(await rowsAsStored(database.url)).toEqual(stored);
      expect((await current(config)).heads).toEqual(stored);

      const out = recorder();
      await downgrade(config, '-1', { output: out });
      expect(out.lines[0]).toBe(
        `warning: downgrade -1 from several heads (${stored.join(', ')}) is ambiguous: it steps down from ${stored[0]}, ` +
          'the first the database returned; name the branch instead (<branch>@-1)',
      );
      if (dialect === 'mysql') {
        expect(out.lines.slice(1)).toEqual(['Running downgrade d4d4 -> b2b2']);
        expect((await rowsAsStored(database.url)).sort()).toEqual(['e5e5']);
      } else {
        expect(out.lines.slice(1)).toEqual(['Running downgrade e5e5 -> c3c3']);
        expect((await rowsAsStored(database.url)).sort()).toEqual(['c3c3', 'd4d4']);
      }
    });

    it('refuses a stamp the version table cannot take before printing or changing anything', async () => {
      await stamp(config, ['e5e5'], { purge: true });
      const out = recorder();
      // Both targets lie below e5e5: the first step moves its row, the second finds it gone.
      const refused = await stamp(config, ['c3c3', 'a1a1'], { output: out }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CommandError);
      expect((refused as Error).message).toBe(
        'Cannot stamp c3c3 a1a1: the version table (e5e5) cannot take step e5e5 -> a1a1: Revision e5e5 is not in the version table; ' +
          'stamp the revisions one at a time',
      );
      expect(out.lines).toEqual([]);
      expect(await rowsAsStored(database.url)).toEqual(['e5e5']);

      await expect(stamp(config, ['e5e5:c3c3', 'e5e5:a1a1'], { sql: true, output: out })).rejects.toThrow(
        'Cannot stamp c3c3 a1a1: the version table (e5e5) cannot take step e5e5 -> a1a1',
      );
      expect(out).toMatchObject({ lines: [], script: '' });
    });

    it('writes no part of a --sql script when a revision fails part way through it', async () => {
      const out = recorder();
      const failing = { ...config, directory: path.join(dir, 'failing') };
      await expect(upgrade(failing, 'base:heads', { sql: true, output: out })).rejects.toThrow('half done');
      expect(out.script).toBe('');
      // Progress goes to its own stream, as it happens: the steps before the failing one.
      expect(out.lines).toEqual(['Running upgrade  -> a1a1', 'Running upgrade a1a1 -> b2b2', 'Running upgrade b2b2 -> c3c3']);
    });
  });
}
