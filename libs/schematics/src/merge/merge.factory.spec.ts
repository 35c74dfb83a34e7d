import { UnitTestTree } from '@angular-devkit/schematics/testing';
import { expectedRevisionFile, expectRefused, initialisedTree, NEST_CLI_OPTIONS, runner, useFixedClock } from '../utils/testing';

/** Two heads: a -> b and a -> c. */
async function twoHeads(): Promise<UnitTestTree> {
  let tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
  tree = await runner.runSchematic('revision', { message: 'b', revId: 'bbbbbbbbbbbb' }, tree);
  return runner.runSchematic('revision', { message: 'c', revId: 'cccccccccccc', head: 'aaaaaaaaaaaa', splice: true }, tree);
}

describe('merge schematic', () => {
  useFixedClock();

  it('merges every head by default into one revision with empty bodies', async () => {
    const tree = await runner.runSchematic('merge', { message: 'merge b and c', revId: 'dddddddddddd' }, await twoHeads());
    expect(tree.readText('/migrations/versions/dddddddddddd_merge_b_and_c.ts')).toBe(
      expectedRevisionFile({ message: 'merge b and c', rev: 'dddddddddddd', down: ['bbbbbbbbbbbb', 'cccccccccccc'] }),
    );
  });

  it('takes what `nest g -c @nest-migrate/schematics merge <words>` passes', async () => {
    const tree = await runner.runSchematic('merge', { ...NEST_CLI_OPTIONS, name: 'join-b-and-c', revId: 'dddddddddddd' }, await twoHeads());
    expect(tree.readText('/migrations/versions/dddddddddddd_join_b_and_c.ts')).toBe(
      expectedRevisionFile({ message: 'join b and c', rev: 'dddddddddddd', down: ['bbbbbbbbbbbb', 'cccccccccccc'] }),
    );
  });

  it('merges the named heads, with a branch label', async () => {
    const tree = await runner.runSchematic(
      'merge',
      { revisions: ['cccc', 'bbbb'], message: 'merge', revId: 'dddddddddddd', branchLabel: ['joined'] },
      await twoHeads(),
    );
    expect(tree.readText('/migrations/versions/dddddddddddd_merge.ts')).toBe(
      expectedRevisionFile({ message: 'merge', rev: 'dddddddddddd', down: ['cccccccccccc', 'bbbbbbbbbbbb'], labels: 'joined' }),
    );
  });

  it('lets the next revision follow the single head again', async () => {
    let tree = await runner.runSchematic('merge', { message: 'merge', revId: 'dddddddddddd' }, await twoHeads());
    tree = await runner.runSchematic('revision', { message: 'e', revId: 'eeeeeeeeeeee' }, tree);
    expect(tree.readText('/migrations/versions/eeeeeeeeeeee_e.ts')).toContain("downRevision: string | string[] | null = 'dddddddddddd';");
  });

  it('given a single head, writes a child of it, as Alembic does', async () => {
    let tree = await runner.runSchematic('revision', { message: 'a', revId: 'aaaaaaaaaaaa' }, await initialisedTree());
    tree = await runner.runSchematic('merge', { message: 'merge', revId: 'dddddddddddd' }, tree);
    expect(tree.readText('/migrations/versions/dddddddddddd_merge.ts')).toBe(
      expectedRevisionFile({ message: 'merge', rev: 'dddddddddddd', down: 'aaaaaaaaaaaa' }),
    );
  });

  describe('refusals leave the tree unchanged', () => {
    it('a revision that is not a head', async () => {
      await expectRefused(
        'merge',
        { revisions: ['aaaaaaaaaaaa', 'bbbbbbbbbbbb'], message: 'merge' },
        await twoHeads(),
        "Revision aaaaaaaaaaaa is not a head revision; merge only joins heads (see 'heads')",
      );
    });

    it('an existing revision id', async () => {
      await expectRefused(
        'merge',
        { message: 'merge', revId: 'bbbbbbbbbbbb' },
        await twoHeads(),
        'Revision bbbbbbbbbbbb already exists in migrations/versions/bbbbbbbbbbbb_b.ts; choose another --rev-id',
      );
    });

    it('an unknown revision', async () => {
      await expectRefused(
        'merge',
        { revisions: ['bbbbbbbbbbbb', 'ffffffffffff'], message: 'merge' },
        await twoHeads(),
        "Can't locate revision identified by 'ffffffffffff'",
      );
    });
  });
});
