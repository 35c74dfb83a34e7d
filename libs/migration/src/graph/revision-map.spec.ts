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
    expect(stampSteps(map, 'feat1', ['feat2', 'bugf1'])).toMatchObject([{ from: ['feat2'], to: ['feat1'], isUpgrade: false, branchMove: false }]);
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
