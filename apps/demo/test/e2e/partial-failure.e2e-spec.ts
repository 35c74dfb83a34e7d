import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { runDemo } from './demo-cli';

const MIGRATIONS = resolve(__dirname, '../../migrations');
const NODE_MODULES = resolve(__dirname, '../../../../node_modules');

// Runs outside a transaction, so its CREATE TABLE (several lines) stays applied when the INSERT (several lines) fails.
const PARTIAL = `/**
 * Partly applied
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'ffff00000001';
export const downRevision: string | string[] | null = '9a0b1c2d3e4f';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;
export const transactional = false;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.createTable('partial', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'label', type: 'varchar(20)' }]);
  await op.execute('INSERT INTO partial (id, label)\\n  SELECT id, label\\n  FROM missing_table');
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('partial');
}
`;

for (const dialect of dialectsUnderTest()) {
  describe(`a revision that fails half-way outside a transaction, on ${dialect}`, () => {
    let cwd: string;
    let database: TestDatabase;

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-partial-e2e-'));
      cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
      writeFileSync(join(cwd, 'migrations', 'versions', 'ffff00000001_partly_applied.ts'), PARTIAL);
      symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
      database = await createTestDatabase(dialect, 'demo partial');
    });

    afterAll(async () => {
      await database?.drop();
      rmSync(cwd, { recursive: true, force: true });
    });

    it('is reported on one FAILED line that keeps every statement whole: line breaks are folded, not cut', () => {
      const run = runDemo(cwd, database.url, 'upgrade');
      expect(run.code).toBe(1);
      const lines = run.stderr.split('\n');
      // The progress lines, one FAILED line, and the end of the output.
      expect(lines.slice(-3, -2)).toEqual(['Running upgrade 9a0b1c2d3e4f -> ffff00000001, Partly applied']);
      expect(lines[lines.length - 1]).toBe('');
      const failed = lines[lines.length - 2];
      expect(failed).toMatch(
        /^FAILED: revision ffff00000001 \(migrations\/versions\/ffff00000001_partly_applied\.ts\) failed in upgrade: .*missing_table/,
      );
      const created = /stay applied: \(1\) (CREATE TABLE .*? ⏎ \)); the version table/.exec(failed)?.[1];
      expect(created?.split(' ⏎ ')).toHaveLength(5);
      expect(created).toMatch(
        /^CREATE TABLE .partial. \( ⏎ .id. [^⏎]+, ⏎ .label. [^⏎]+, ⏎ CONSTRAINT .pk_partial. PRIMARY KEY \(.id.\) ⏎ \)$/,
      );
      expect(
        failed.endsWith(
          "; the version table still records 9a0b1c2d3e4f: finish the revision by hand and run 'stamp ffff00000001', or undo them, run 'stamp 9a0b1c2d3e4f' and run the command again",
        ),
      ).toBe(true);
      // The run journal keeps what stayed applied: `current` reports it and exits 1 until it is settled.
      const current = runDemo(cwd, database.url, 'current');
      expect(current.code).toBe(1);
      expect(current.stdout).toMatch(/^9a0b1c2d3e4f \(mergepoint\)\nInterrupted: a run stopped half-way through revision ffff00000001 /);
    });
  });
}
