// Shared by the factory specs; excluded from the build.
import { SchematicsException, Tree } from '@angular-devkit/schematics';
import { SchematicTestRunner, UnitTestTree } from '@angular-devkit/schematics/testing';
import { collectionPath } from '../index';

export const runner = new SchematicTestRunner('@nest-migrate/schematics', collectionPath);

/** What `nest g -c @nest-migrate/schematics <schematic>` passes besides a schematic's own options (Nest CLI 11 and 12). */
export const NEST_CLI_OPTIONS = {
  collection: '@nest-migrate/schematics',
  language: 'ts',
  sourceRoot: 'src',
  spec: true,
  flat: false,
  specFileSuffix: 'spec',
  skipImport: false,
  format: false,
};

/** Local time, as the Create Date is. */
export const NOW = new Date(2026, 10, 25, 10, 0, 0);
export const DATE = '2026-11-25 10:00:00.000000';

/** Fakes only `Date` (at `NOW`), so the devkit's own timers and promises run as usual. */
export function useFixedClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterEach(() => jest.useRealTimers());
}

/** Every file of the tree, path -> content, sorted by path. */
export function snapshot(tree: Tree): Record<string, string> {
  const paths: string[] = [];
  tree.visit((path) => paths.push(path));
  return Object.fromEntries(paths.sort().map((path) => [path, tree.readText(path)]));
}

/** Runs a schematic that must be refused: one-line SchematicsException with `message`, tree unchanged. */
export async function expectRefused(name: string, options: object, tree: UnitTestTree, message: string): Promise<void> {
  const before = snapshot(tree);
  const run = runner.runSchematic(name, options, tree);
  await expect(run).rejects.toThrow(SchematicsException);
  await expect(run).rejects.toThrow(message);
  await run.catch((error: Error) => expect(error.message).toBe(message));
  expect(snapshot(tree)).toEqual(before);
}

export interface ExpectedRevision {
  message: string;
  rev: string;
  down?: string | string[] | null;
  labels?: string | string[] | null;
  deps?: string | string[] | null;
}

const literal = (ids: string | string[] | null | undefined) =>
  ids === null || ids === undefined ? 'null' : typeof ids === 'string' ? `'${ids}'` : `[${ids.map((i) => `'${i}'`).join(', ')}]`;

/** The exact text of a revision file in the contract form (README), written out line by line. */
export function expectedRevisionFile(e: ExpectedRevision): string {
  const revises = e.down === null || e.down === undefined ? '' : ` ${[e.down].flat().join(', ')}`;
  return [
    '/**',
    ` * ${e.message}`,
    ' *',
    ` * Revision ID: ${e.rev}`,
    ` * Revises:${revises}`,
    ` * Create Date: ${DATE}`,
    ' */',
    "import type { MigrationOps } from '@nest-migrate/migration';",
    '',
    `export const revision = '${e.rev}';`,
    `export const downRevision: string | string[] | null = ${literal(e.down)};`,
    `export const branchLabels: string | string[] | null = ${literal(e.labels)};`,
    `export const dependsOn: string | string[] | null = ${literal(e.deps)};`,
    '',
    'export async function upgrade(op: MigrationOps): Promise<void> {}',
    'export async function downgrade(op: MigrationOps): Promise<void> {}',
    '',
  ].join('\n');
}

/** A tree holding an initialised `migrations/` directory. */
export async function initialisedTree(): Promise<UnitTestTree> {
  return runner.runSchematic('init', {}, new UnitTestTree(Tree.empty()));
}
