import { CommandError } from '../errors';
import { MemoryFileSystem } from '../script/memory-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { init } from './init';
import { merge } from './merge';
import { revision } from './revision';

const NOW = new Date(2026, 10, 25, 10, 0, 0);

function twoHeads() {
  const fs = new MemoryFileSystem();
  init(fs, { directory: 'migrations' });
  const script = () => new ScriptDirectory({ directory: 'migrations', fs });
  revision(script(), fs, { message: 'base', revId: 'aaaa1111', now: NOW });
  revision(script(), fs, { message: 'left', revId: 'bbbb2222', now: NOW });
  revision(script(), fs, { message: 'right', revId: 'cccc3333', head: 'aaaa1111', splice: true, now: NOW });
  return { fs, script };
}

function expectRefused(fs: MemoryFileSystem, run: () => unknown, message: string): void {
  const before = fs.snapshot();
  expect(run).toThrow(CommandError);
  expect(run).toThrow(message);
  expect(message).not.toContain('\n');
  expect(fs.snapshot()).toEqual(before);
}

describe('merge', () => {
  it('merges every head by default into one revision with empty bodies', () => {
    const { fs, script } = twoHeads();
    const result = merge(script(), fs, { message: 'merge left and right', revId: 'dddd4444', now: NOW });
    expect(result.path).toBe('migrations/versions/dddd4444_merge_left_and_right.ts');
    expect(fs.readFile(result.path)).toBe(
      `/**
 * merge left and right
 *
 * Revision ID: dddd4444
 * Revises: bbbb2222, cccc3333
 * Create Date: 2026-11-25 10:00:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'dddd4444';
export const downRevision: string | string[] | null = ['bbbb2222', 'cccc3333'];
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {}
export async function downgrade(op: MigrationOps): Promise<void> {}
`,
    );
    const fresh = script();
    expect(fresh.getHeads()).toEqual(['dddd4444']);
    expect(fresh.getRevision('dddd4444')!.isMergePoint).toBe(true);
  });

  it('resolves partial ids to full ones and takes a branch label', () => {
    const { fs, script } = twoHeads();
    const result = merge(script(), fs, { revisions: ['cccc', 'bbbb'], branchLabel: 'joined', revId: 'eeee', now: NOW });
    const merged = script().getRevision('eeee')!;
    expect(merged.downRevision).toEqual(['cccc3333', 'bbbb2222']);
    expect([...merged.declaredBranchLabels]).toEqual(['joined']);
    expect(result.path).toBe('migrations/versions/eeee_.ts');
  });

  it('given one head, writes an ordinary child of it, as Alembic does', () => {
    const { fs, script } = twoHeads();
    merge(script(), fs, { revId: 'dddd4444', now: NOW });
    const result = merge(script(), fs, { revId: 'ffff', message: 'after', now: NOW });
    expect(fs.readFile(result.path)).toContain("export const downRevision: string | string[] | null = 'dddd4444';");
    const child = merge(script(), fs, { revisions: 'ffff', revId: 'eeee', now: NOW });
    expect(child.script.downRevision).toBe('ffff');
    expect(script().getHeads()).toEqual(['eeee']);
  });

  it('given no revision (base), writes a new base, as Alembic does', () => {
    const { fs, script } = twoHeads();
    const result = merge(script(), fs, { revisions: 'base', revId: 'ffff', now: NOW });
    expect(result.script.downRevision).toBeNull();
    expect(script().getBases()).toEqual(['aaaa1111', 'ffff']);
  });

  it('refuses a head named by an identifier that names several', () => {
    const { fs, script } = twoHeads();
    expectRefused(
      fs,
      () => merge(script(), fs, { revisions: 'head', revId: 'ffff', now: NOW }),
      'Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.',
    );
  });

  it('refuses a revision that is not a head', () => {
    const { fs, script } = twoHeads();
    expectRefused(
      fs,
      () => merge(script(), fs, { revisions: ['aaaa1111', 'bbbb2222'], revId: 'ffff', now: NOW }),
      "Revision aaaa1111 is not a head revision; merge only joins heads (see 'heads')",
    );
  });

  it('refuses the same head twice', () => {
    const { fs, script } = twoHeads();
    expectRefused(
      fs,
      () => merge(script(), fs, { revisions: ['bbbb2222', 'bbbb'], revId: 'ffff', now: NOW }),
      'Duplicate head revisions specified',
    );
  });

  it('refuses an unknown revision', () => {
    const { fs, script } = twoHeads();
    expectRefused(
      fs,
      () => merge(script(), fs, { revisions: ['bbbb2222', 'zzzz9999'], revId: 'ffff', now: NOW }),
      "Can't locate revision identified by 'zzzz9999'",
    );
  });
});
