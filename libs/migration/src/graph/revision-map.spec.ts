import { CommandError } from '../errors';
import {
  CycleDetectedError,
  DependencyCycleDetectedError,
  DependencyLoopDetectedError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  IllegalRevisionIdError,
  LoopDetectedError,
  MissingRevisionError,
  MultipleHeadsError,
  ResolutionError,
} from './errors';
import { HeadMaintainer } from './head-maintainer';
import { downgradeSteps, stampSteps, upgradeSteps, walkRevisions } from './plan';
import { RevisionMap } from './revision-map';
import { mapOf, rev } from './testing';

// Expected values below were produced by Alembic 1.8.1 on the same graphs (see tools/conformance).
const ids = (revs: { revision: string }[]) => revs.map((r) => r.revision);
const stepIds = (steps: { revision: { revision: string } }[]) => steps.map((s) => s.revision.revision);
const errorOf = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

/** Applies the steps' version-table changes and answers the resulting rows. */
function rowsAfter(map: RevisionMap, current: string[], steps: Parameters<HeadMaintainer['updateToStep']>[0][]): string[] {
  const maintainer = new HeadMaintainer(current);
  for (const step of steps) maintainer.updateToStep(step);
  return [...maintainer.heads].sort();
}

describe('linear a1b2 -> c3d4 -> e5f6 -> a1ff', () => {
  const map = mapOf(rev('a1b2'), rev('c3d4', 'a1b2'), rev('e5f6', 'c3d4'), rev('a1ff', 'e5f6'));

  it('has one base and one head', () => {
    expect(map.bases).toEqual(['a1b2']);
    expect(map.heads).toEqual(['a1ff']);
  });

  it('walks history newest first', () => {
    expect(ids(walkRevisions(map))).toEqual(['a1ff', 'e5f6', 'c3d4', 'a1b2']);
  });

  it('resolves partial ids of three or more characters and rejects ambiguous ones with the candidates', () => {
    expect(map.getRevision('a1b')?.revision).toBe('a1b2');
    expect(map.getRevision('e5f')?.revision).toBe('e5f6');
    expect(errorOf(() => map.getRevision('a1')).message).toBe("Multiple revisions start with 'a1': 'a1b2', 'a1ff'...");
    expect(errorOf(() => map.getRevision('zz')).message).toBe(
      "No such revision or branch 'zz'; please ensure at least four characters are present for partial revision identifier matches",
    );
  });

  it('answers relative identifiers', () => {
    expect(ids(map.getRevisions('-1') as { revision: string }[])).toEqual(['e5f6']);
    expect(stepIds(upgradeSteps(map, '+2', []))).toEqual(['a1b2', 'c3d4']);
    expect(stepIds(upgradeSteps(map, '+1', ['c3d4']))).toEqual(['e5f6']);
    expect(stepIds(upgradeSteps(map, 'c3d4+1', ['c3d4']))).toEqual(['e5f6']);
    expect(stepIds(downgradeSteps(map, '-2', ['a1ff']))).toEqual(['a1ff', 'e5f6']);
  });

  it('refuses relative moves past either end', () => {
    expect(errorOf(() => upgradeSteps(map, '+5', ['c3d4'])).message).toBe("Relative revision +5 didn't produce 5 migrations");
    expect(errorOf(() => downgradeSteps(map, '-9', ['c3d4'])).message).toBe("Relative revision -9 didn't produce 9 migrations");
  });

  it('downgrades to base through every revision, newest first', () => {
    expect(stepIds(downgradeSteps(map, 'base', ['a1ff']))).toEqual(['a1ff', 'e5f6', 'c3d4', 'a1b2']);
    expect(rowsAfter(map, ['a1ff'], downgradeSteps(map, 'base', ['a1ff']))).toEqual([]);
  });

  it('treats an upgrade to an older revision as nothing to do and a downgrade to a newer one as an error', () => {
    expect(upgradeSteps(map, 'c3d4', ['a1ff'])).toEqual([]);
    const error = errorOf(() => downgradeSteps(map, 'a1ff', ['c3d4']));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe('Destination a1ff is not a valid downgrade target from current head(s)');
  });

  it('keeps one row that moves along the line', () => {
    expect(rowsAfter(map, [], upgradeSteps(map, 'heads', []))).toEqual(['a1ff']);
  });
});

describe('labelled branches: base0 -> trunk1 -> (feat1 -> feat2 [feature], bugf1 [bugfix])', () => {
  const map = mapOf(
    rev('base0'),
    rev('trunk1', 'base0'),
    rev('feat1', 'trunk1', null, 'feature'),
    rev('feat2', 'feat1'),
    rev('bugf1', 'trunk1', null, 'bugfix'),
  );

  it('has two heads and a branch point', () => {
    expect(map.heads).toEqual(['feat2', 'bugf1']);
    expect(map.get('trunk1').isBranchPoint).toBe(true);
  });

  it('inherits labels up the branch but not below the branch point', () => {
    expect([...map.get('feat2').branchLabels]).toEqual(['feature']);
    expect([...map.get('trunk1').branchLabels]).toEqual([]);
  });

  it('needs a branch label to name one head', () => {
    const error = errorOf(() => map.getRevision('head'));
    expect(error).toBeInstanceOf(MultipleHeadsError);
    expect(error.message).toBe("Multiple heads are present for given argument 'head'; feat2, bugf1");
    expect(map.getRevision('feature@head')?.revision).toBe('feat2');
    expect(map.getRevision('bugfix@head')?.revision).toBe('bugf1');
    expect(errorOf(() => map.getRevision('feature@bugf1')).message).toBe("Revision bugf1 is not a member of branch 'feature'");
  });

  it('walks history branch by branch', () => {
    expect(ids(walkRevisions(map))).toEqual(['feat2', 'feat1', 'bugf1', 'trunk1', 'base0']);
  });

  it('upgrades one branch, then the other', () => {
    expect(stepIds(upgradeSteps(map, 'feature@head', []))).toEqual(['base0', 'trunk1', 'feat1', 'feat2']);
    expect(stepIds(upgradeSteps(map, 'heads', ['feat2']))).toEqual(['bugf1']);
    expect(stepIds(upgradeSteps(map, 'bugfix@+1', ['feat2']))).toEqual(['bugf1']);
    expect(rowsAfter(map, ['feat2'], upgradeSteps(map, 'heads', ['feat2']))).toEqual(['bugf1', 'feat2']);
  });

  it('downgrades one branch while the other stays', () => {
    const steps = downgradeSteps(map, 'feature@-1', ['feat2', 'bugf1']);
    expect(stepIds(steps)).toEqual(['feat2']);
    expect(rowsAfter(map, ['feat2', 'bugf1'], steps)).toEqual(['bugf1', 'feat1']);
  });

  it('stamps down to a branch, to base, and onto an empty table', () => {
    expect(stampSteps(map, 'feat1', ['feat2', 'bugf1'])).toMatchObject([
      { from: ['feat2'], to: ['feat1'], isUpgrade: false, branchMove: false },
    ]);
    expect(stampSteps(map, 'base', ['feat2', 'bugf1'])).toMatchObject([
      { from: ['feat2'], to: [], isUpgrade: false, branchMove: true },
      { from: ['bugf1'], to: [], isUpgrade: false, branchMove: true },
    ]);
    const fresh = stampSteps(map, ['feat2', 'bugf1'], []);
    expect(fresh).toMatchObject([
      { from: [], to: ['feat2'], isUpgrade: true, branchMove: true },
      { from: [], to: ['bugf1'], isUpgrade: true, branchMove: true },
    ]);
    expect(rowsAfter(map, [], fresh)).toEqual(['bugf1', 'feat2']);
  });
});

describe('diamond aaaa -> (bbbb, cccc) -> dddd', () => {
  const map = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('cccc', 'aaaa'), rev('dddd', ['bbbb', 'cccc']));

  it('has one base, one head and a merge point', () => {
    expect(map.bases).toEqual(['aaaa']);
    expect(map.heads).toEqual(['dddd']);
    expect(map.get('dddd').isMergePoint).toBe(true);
    expect(map.get('aaaa').isBranchPoint).toBe(true);
  });

  it('orders both sides before the merge', () => {
    expect(ids(walkRevisions(map))).toEqual(['dddd', 'bbbb', 'cccc', 'aaaa']);
    expect(stepIds(upgradeSteps(map, 'heads', []))).toEqual(['aaaa', 'cccc', 'bbbb', 'dddd']);
    expect(stepIds(upgradeSteps(map, 'heads', ['bbbb']))).toEqual(['cccc', 'dddd']);
  });

  it('merges two rows into one and splits them again', () => {
    const up = upgradeSteps(map, 'heads', ['bbbb']);
    expect(rowsAfter(map, ['bbbb'], up)).toEqual(['dddd']);
    const maintainer = new HeadMaintainer(['bbbb', 'cccc']);
    expect(maintainer.updateToStep(up[1])).toEqual([
      { kind: 'delete', version: 'bbbb' },
      { kind: 'update', from: 'cccc', to: 'dddd' },
    ]);
    const down = downgradeSteps(map, 'bbbb', ['dddd']);
    expect(stepIds(down)).toEqual(['dddd']);
    expect(rowsAfter(map, ['dddd'], down)).toEqual(['bbbb', 'cccc']);
    expect(stepIds(downgradeSteps(map, 'aaaa', ['dddd']))).toEqual(['dddd', 'bbbb', 'cccc']);
  });
});

describe('criss-cross: two merges of the same two parents', () => {
  const map = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('cccc', 'aaaa'), rev('dddd', ['bbbb', 'cccc']), rev('eeee', ['bbbb', 'cccc']));

  it('has two heads over a shared pair', () => {
    expect(map.heads).toEqual(['dddd', 'eeee']);
    expect(ids(walkRevisions(map))).toEqual(['dddd', 'eeee', 'bbbb', 'cccc', 'aaaa']);
  });

  it('upgrades and downgrades both merges', () => {
    const up = upgradeSteps(map, 'heads', []);
    expect(stepIds(up)).toEqual(['aaaa', 'cccc', 'bbbb', 'eeee', 'dddd']);
    expect(rowsAfter(map, [], up)).toEqual(['dddd', 'eeee']);
    const down = downgradeSteps(map, 'bbbb', ['dddd', 'eeee']);
    expect(stepIds(down)).toEqual(['dddd', 'eeee']);
    expect(rowsAfter(map, ['dddd', 'eeee'], down)).toEqual(['bbbb', 'cccc']);
  });
});

describe('forest of two bases', () => {
  const map = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('xxxx'), rev('yyyy', 'xxxx'));

  it('has two bases and two heads', () => {
    expect(map.bases).toEqual(['aaaa', 'xxxx']);
    expect(map.heads).toEqual(['bbbb', 'yyyy']);
    expect(map.getRevision('base')).toBeNull();
  });

  it('upgrades the other tree from its own base', () => {
    expect(ids(walkRevisions(map))).toEqual(['bbbb', 'aaaa', 'yyyy', 'xxxx']);
    expect(stepIds(upgradeSteps(map, 'heads', []))).toEqual(['xxxx', 'yyyy', 'aaaa', 'bbbb']);
    expect(stepIds(upgradeSteps(map, 'yyyy', ['bbbb']))).toEqual(['xxxx', 'yyyy']);
    expect(rowsAfter(map, ['bbbb'], upgradeSteps(map, 'yyyy', ['bbbb']))).toEqual(['bbbb', 'yyyy']);
  });

  it('downgrades both trees to base', () => {
    const down = downgradeSteps(map, 'base', ['bbbb', 'yyyy']);
    expect(stepIds(down)).toEqual(['bbbb', 'aaaa', 'yyyy', 'xxxx']);
    expect(rowsAfter(map, ['bbbb', 'yyyy'], down)).toEqual([]);
  });
});

describe('cross-branch dependsOn: yyyy (branch other) depends on bbbb', () => {
  const map = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('xxxx', null, null, 'other'), rev('yyyy', 'xxxx', ['bbbb']), rev('zzzz', 'yyyy'));

  it('keeps the dependency out of the versioned heads but not out of the real heads', () => {
    expect(map.heads).toEqual(['bbbb', 'zzzz']);
    expect(map.realHeads).toEqual(['zzzz']);
    expect(map.realBases).toEqual(['aaaa', 'xxxx']);
    expect(ids(map.getRevisions('heads') as { revision: string }[])).toEqual(['zzzz']);
  });

  it('upgrading one branch brings in what it depends on', () => {
    expect(ids(walkRevisions(map))).toEqual(['zzzz', 'yyyy', 'xxxx', 'bbbb', 'aaaa']);
    const up = upgradeSteps(map, 'other@head', []);
    expect(stepIds(up)).toEqual(['aaaa', 'bbbb', 'xxxx', 'yyyy', 'zzzz']);
    expect(rowsAfter(map, [], up)).toEqual(['zzzz']);
  });

  it('downgrading the dependency takes its dependents with it', () => {
    expect(stepIds(downgradeSteps(map, 'aaaa', ['bbbb', 'zzzz']))).toEqual(['zzzz', 'yyyy', 'bbbb']);
  });

  it('resolves a dependency given as a branch label', () => {
    const labelled = mapOf(rev('aaaa', null, null, 'core'), rev('bbbb', 'aaaa'), rev('xxxx', null, 'core'), rev('yyyy', 'xxxx'));
    expect(labelled.get('xxxx').resolvedDependencies).toEqual(['aaaa']);
    expect(labelled.realHeads).toEqual(['bbbb', 'yyyy']);
    expect(stepIds(upgradeSteps(labelled, 'yyyy', []))).toEqual(['aaaa', 'xxxx', 'yyyy']);
  });
});

describe('three-way merge', () => {
  const map = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('cccc', 'aaaa'), rev('dddd', 'aaaa'), rev('eeee', ['bbbb', 'cccc', 'dddd']));

  it('orders the three sides and merges three rows into one', () => {
    expect(ids(walkRevisions(map))).toEqual(['eeee', 'bbbb', 'cccc', 'dddd', 'aaaa']);
    const up = upgradeSteps(map, 'heads', []);
    expect(stepIds(up)).toEqual(['aaaa', 'dddd', 'cccc', 'bbbb', 'eeee']);
    expect(rowsAfter(map, [], up)).toEqual(['eeee']);
    expect(stepIds(downgradeSteps(map, 'aaaa', ['eeee']))).toEqual(['eeee', 'bbbb', 'cccc', 'dddd']);
  });

  it('cannot step down one revision from a merge point', () => {
    expect(errorOf(() => downgradeSteps(map, '-1', ['eeee'])).message).toBe('Ambiguous walk');
  });
});

describe('graphs Alembic refuses', () => {
  const build = (...revs: (() => ReturnType<typeof rev>)[]) => errorOf(() => new RevisionMap(() => revs.map((r) => r())).heads);

  it('a cycle names the revisions on it', () => {
    const error = build(
      () => rev('aaaa'),
      () => rev('bbbb', ['aaaa', 'dddd']),
      () => rev('cccc', 'bbbb'),
      () => rev('dddd', 'cccc'),
      () => rev('eeee', 'aaaa'),
    );
    expect(error).toBeInstanceOf(CycleDetectedError);
    expect(error.message).toBe('Cycle is detected in revisions (bbbb, cccc, dddd)');
  });

  it('a graph that is all cycle', () => {
    expect(
      build(
        () => rev('aaaa', 'bbbb'),
        () => rev('bbbb', 'aaaa'),
      ).message,
    ).toBe('Cycle is detected in revisions (aaaa, bbbb)');
  });

  it('a dependency cycle', () => {
    const error = build(
      () => rev('aaaa'),
      () => rev('bbbb', 'aaaa', 'cccc'),
      () => rev('cccc', 'aaaa', 'bbbb'),
    );
    expect(error).toBeInstanceOf(DependencyCycleDetectedError);
    expect(error.message).toBe('Dependency cycle is detected in revisions (aaaa, bbbb, cccc)');
  });

  it('self-loops', () => {
    expect(errorOf(() => rev('aaaa', 'aaaa'))).toBeInstanceOf(LoopDetectedError);
    expect(errorOf(() => rev('aaaa', 'aaaa')).message).toBe('Self-loop is detected in revisions (aaaa)');
    expect(errorOf(() => rev('aaaa', null, 'aaaa'))).toBeInstanceOf(DependencyLoopDetectedError);
    expect(errorOf(() => rev('aaaa', null, 'aaaa')).message).toBe('Dependency self-loop is detected in revisions (aaaa)');
  });

  it('a missing parent or dependency', () => {
    const parent = build(
      () => rev('aaaa'),
      () => rev('bbbb', 'nope'),
    );
    expect(parent).toBeInstanceOf(MissingRevisionError);
    expect(parent.message).toBe('Revision nope referenced as down revision from bbbb is not present');
    expect(
      build(
        () => rev('aaaa'),
        () => rev('bbbb', 'aaaa', 'nope'),
      ).message,
    ).toBe('Revision nope referenced as dependency from bbbb is not present');
  });

  it('a duplicate revision id', () => {
    const error = build(
      () => rev('aaaa'),
      () => rev('aaaa'),
    );
    expect(error).toBeInstanceOf(DuplicateRevisionError);
    expect(error.message).toBe('Revision aaaa is present more than once; give one of the files a new revision id');
  });

  it('a duplicate branch label, and a label equal to a revision id', () => {
    const twice = build(
      () => rev('aaaa', null, null, 'x'),
      () => rev('bbbb', 'aaaa', null, 'x'),
    );
    expect(twice).toBeInstanceOf(DuplicateBranchLabelError);
    expect(twice.message).toBe("Branch name 'x' in revision bbbb already used by revision aaaa");
    expect(
      build(
        () => rev('aaaa'),
        () => rev('bbbb', 'aaaa', null, 'aaaa'),
      ).message,
    ).toBe("Branch name 'aaaa' in revision bbbb already used by revision aaaa");
  });

  it('illegal characters in a revision id', () => {
    const error = errorOf(() => rev('ab-c+d'));
    expect(error).toBeInstanceOf(IllegalRevisionIdError);
    expect(error.message).toBe("Character(s) '+, -' not allowed in revision identifier 'ab-c+d'");
  });
});

describe('bad identifiers as commands see them', () => {
  const map = mapOf(rev('aaaa'), rev('bbbb', 'aaaa'), rev('cccc', 'aaaa'));

  it('an unknown revision', () => {
    const error = errorOf(() => upgradeSteps(map, 'ffff', []));
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe("Can't locate revision identified by 'ffff'");
    expect((error as CommandError).cause).toBeInstanceOf(ResolutionError);
  });

  it('head when there are several heads', () => {
    expect(errorOf(() => upgradeSteps(map, 'head', [])).message).toBe(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, " +
        "'<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
  });

  it('an ambiguous prefix lists the candidates', () => {
    const prefixed = mapOf(rev('abcd1'), rev('abcd2', 'abcd1'));
    expect(errorOf(() => upgradeSteps(prefixed, 'abcd', [])).message).toBe(
      "Multiple revisions start with 'abcd': 'abcd1', 'abcd2'...; give more characters of the revision id",
    );
  });

  it('a downgrade target that is not below the current heads', () => {
    expect(errorOf(() => downgradeSteps(map, 'cccc', ['bbbb'])).message).toBe(
      'Destination cccc is not a valid downgrade target from current head(s)',
    );
  });
});
