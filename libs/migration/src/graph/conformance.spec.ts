/**
 * Conformance with Alembic 1.8.1: every fixture in `__fixtures__/` was answered by real
 * Alembic (tools/conformance/alembic_oracle.py); here our engine answers the same
 * queries on the same revisions, given in the same order, and must agree.
 *
 * Compared exactly:
 * - heads, bases, realHeads, realBases (as ordered lists), getRevision(s), branch labels;
 * - walk, iterate and upgrade/downgrade step order, and stamp steps (from, to, flags);
 * - the final version-table heads (a sorted list, so compared as a set);
 * - errors: our class must be the counterpart of Alembic's (MultipleHeads ->
 *   MultipleHeadsError, ...; a subclass is fine where Alembic raises a bare
 *   RevisionError, e.g. DuplicateBranchLabelError) and the message must be Alembic's,
 *   word for word, as must the message of a CommandError's cause.
 *
 * Compared after normalising, and why:
 * - version-table `changes`: which row a merge UPDATEs and which it DELETEs (and which
 *   parent an unmerge INSERTs) comes from `list(set(...))` in Alembic's
 *   merge_branch_idents/_unmerge_to_revisions, i.e. from string hash order. So per step
 *   we compare the rows removed, the rows added and the sequence of operation kinds,
 *   which do not depend on that choice; identical changes of course also pass.
 * - answers Alembic itself gave differently under other hash seeds or allocation
 *   (listed in a fixture's `hashOrderVariants`): `_normalize_depends_on` builds a tuple
 *   from a set (so the order of a revision's dependencies, and with it topological
 *   order, varies) and `_add_branches` walks a set of Revision objects. Any observed
 *   variant is accepted; an order none of them shows passes if it holds the same
 *   revisions and still puts every revision after (upgrade) or before (walk, iterate,
 *   downgrade) its ancestors, with the same final heads.
 * - getRevisions: where Alembic's walk down (`-1`) lands below the first revision it
 *   returns the string "base"; our API types that as null.
 * - where Alembic fails with a Python-level error (AssertionError, KeyError...) rather
 *   than a revision error, we must throw one of our typed errors (a MigrationError);
 *   the message cannot be compared.
 * - deliberate rewordings (DELIBERATE_REWORDINGS below): same class, and our message
 *   must name every revision id, label and argument that Alembic's names.
 * - where Alembic's HeadMaintainer fails part way through a plan (a KeyError or assert,
 *   after the earlier steps ran), ours refuses the whole plan before its first step
 *   (plan.ts checks every plan against the version table): we must throw a CommandError
 *   naming the step, caused by the HeadMaintainer's RevisionError (deliberate).
 * - a merge whose parents include a dependency that has no row of its own: Alembic's
 *   HeadMaintainer dies with a KeyError, ours merges the rows that exist (deliberate, see
 *   steps.ts and dependencyRowMergeProblems below).
 * - Alembic's `warnings` (e.g. "downgrade -1 from multiple heads is ambiguous") are
 *   not compared: our engine does not warn.
 *
 * Build errors: a duplicate revision id only warns in Alembic, and a missing down
 * revision or dependency ends in a KeyError; our engine deliberately raises
 * DuplicateRevisionError / MissingRevisionError there, naming the revision at fault,
 * and so answers none of those fixtures' queries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CommandError, MigrationError } from '../errors';
import {
  CycleDetectedError,
  DependencyCycleDetectedError,
  DependencyLoopDetectedError,
  DuplicateRevisionError,
  LoopDetectedError,
  MissingRevisionError,
  MultipleHeadsError,
  RangeNotAncestorError,
  ResolutionError,
  RevisionError,
} from './errors';
import { HeadMaintainer, VersionChange } from './head-maintainer';
import { downgradeSteps, stampSteps, upgradeSteps, walkRevisions } from './plan';
import { Revision } from './revision';
import { RevisionMap } from './revision-map';
import { MigrationStep } from './steps';

type Ident = string | string[] | null;

type Query =
  | { q: 'heads' | 'bases' | 'realHeads' | 'realBases' | 'branchLabels' }
  | { q: 'getRevisions'; id: Ident }
  | { q: 'getRevision'; id: string }
  | { q: 'walk'; base: string; head: string }
  | { q: 'upgrade' | 'downgrade'; current: string[]; target: string }
  | { q: 'stamp'; current: string[]; targets: string[] }
  | {
      q: 'iterate';
      upper: Ident;
      lower: Ident;
      implicitBase: boolean;
      inclusive: boolean;
      selectForDowngrade: boolean;
    };

interface AlembicError {
  error: string;
  message: string;
  cause?: string;
  causeMessage?: string;
  warnings?: string[];
}

interface Fixture {
  name: string;
  revisions: { revision: string; downRevision: Ident; dependsOn: Ident; branchLabels: Ident }[];
  queries: Query[];
  answers: unknown[];
  buildError?: AlembicError;
  buildErrorVariants?: AlembicError[];
  buildWarnings?: string[];
  hashOrderVariants?: Record<string, unknown[]>;
}

/** Change rows as the oracle records them: `["insert", v]`, `["delete", v]`, `["update", from, to]`. */
type ChangeRow = [string, ...string[]];

interface StepsAnswer {
  steps: unknown[];
  changes: ChangeRow[][];
  heads: string[] | null;
  maintainerError?: AlembicError;
  warnings?: string[];
}

/** Our answer: the value in the oracle's JSON shape, or what we threw. */
type Outcome = { value: unknown } | { thrown: unknown };

const FIXTURE_DIR = join(__dirname, '__fixtures__');
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as Fixture);

/** Alembic's class names and the classes that answer for them here. */
const ERROR_CLASSES: Record<string, abstract new (...args: never[]) => Error> = {
  CommandError,
  RevisionError,
  RangeNotAncestorError,
  MultipleHeads: MultipleHeadsError,
  ResolutionError,
  CycleDetected: CycleDetectedError,
  DependencyCycleDetected: DependencyCycleDetectedError,
  LoopDetected: LoopDetectedError,
  DependencyLoopDetected: DependencyLoopDetectedError,
};

/** Messages we word differently on purpose; for these we check class and the names mentioned. */
const DELIBERATE_REWORDINGS: { why: string; applies: (alembic: AlembicError) => boolean }[] = [
  {
    why: 'an ambiguous prefix keeps its candidate list (plan.ts), Alembic says only "Can\'t locate"',
    applies: (e) => e.error === 'CommandError' && (e.causeMessage ?? '').startsWith('Multiple revisions start with'),
  },
  {
    why: 'a range error lists several revisions as "a, b" where Alembic prints a Python tuple "(\'a\', \'b\')"',
    applies: (e) => /of revision \('/.test(e.error === 'RangeNotAncestorError' ? e.message : (e.causeMessage ?? '')),
  },
];

function buildMap(fixture: Fixture): RevisionMap {
  const map = new RevisionMap(() => fixture.revisions.map((r) => new Revision(r)));
  void map.heads; // the map builds lazily; build errors surface here
  return map;
}

function ids(revs: readonly (Revision | null)[]): (string | null)[] {
  return revs.map((r) => (r === null ? null : r.revision));
}

function changeRow(change: VersionChange): ChangeRow {
  return change.kind === 'update' ? ['update', change.from, change.to] : [change.kind, change.version];
}

/** Runs steps through HeadMaintainer from `current`, as the runtime does; the plan was checked, so none fails. */
function replay(current: readonly string[], steps: readonly MigrationStep[]): Omit<StepsAnswer, 'steps'> {
  const maintainer = new HeadMaintainer(current);
  const changes = steps.map((step) => maintainer.updateToStep(step).map(changeRow));
  return { changes, heads: [...maintainer.heads].sort() };
}

function answer(map: RevisionMap, query: Query): unknown {
  switch (query.q) {
    case 'heads':
      return [...map.heads];
    case 'bases':
      return [...map.bases];
    case 'realHeads':
      return [...map.realHeads];
    case 'realBases':
      return [...map.realBases];
    case 'branchLabels':
      return Object.fromEntries(map.revisions.map((r) => [r.revision, [...r.branchLabels].sort()]));
    case 'getRevisions':
      return ids(map.getRevisions(query.id));
    case 'getRevision':
      return map.getRevision(query.id)?.revision ?? null;
    case 'walk':
      return walkRevisions(map, query.base, query.head).map((r) => r.revision);
    case 'iterate':
      return map
        .iterateRevisions(query.upper, query.lower, {
          implicitBase: query.implicitBase,
          inclusive: query.inclusive,
          selectForDowngrade: query.selectForDowngrade,
        })
        .map((r) => r.revision);
    case 'upgrade':
    case 'downgrade': {
      const plan = query.q === 'upgrade' ? upgradeSteps : downgradeSteps;
      const steps = plan(map, query.target, query.current);
      return { steps: steps.map((s) => s.revision.revision), ...replay(query.current, steps) };
    }
    case 'stamp': {
      const steps = stampSteps(map, query.targets, query.current);
      return {
        steps: steps.map((s) => ({ from: [...s.from], to: [...s.to], isUpgrade: s.isUpgrade, branchMove: s.branchMove })),
        ...replay(query.current, steps),
      };
    }
  }
}

function run(map: RevisionMap, query: Query): Outcome {
  try {
    return { value: answer(map, query) };
  } catch (thrown) {
    return { thrown };
  }
}

function isAlembicError(value: unknown): value is AlembicError {
  return typeof value === 'object' && value !== null && 'error' in value && 'message' in value;
}

function describeThrown(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown);
  const cause = thrown.cause instanceof Error ? ` (cause ${thrown.cause.name}: ${thrown.cause.message})` : '';
  return `${thrown.name}: ${thrown.message}${cause}`;
}

/** Every revision id, label and query argument that `text` mentions. */
function namesIn(text: string, names: readonly string[]): string[] {
  return names.filter((name) => name.length > 0 && text.includes(name));
}

function fixtureNames(fixture: Fixture, query?: Query): string[] {
  const names = new Set<string>();
  for (const r of fixture.revisions) {
    names.add(r.revision);
    for (const label of [r.branchLabels].flat()) if (label) names.add(label);
  }
  if (query) {
    for (const value of Object.values(query)) for (const v of [value].flat()) if (typeof v === 'string') names.add(v);
  }
  return [...names].sort((a, b) => b.length - a.length);
}

/** Problems with our error given Alembic's; empty when they agree. */
function errorProblems(thrown: unknown, expected: AlembicError, names: readonly string[]): string[] {
  const expectedClass = ERROR_CLASSES[expected.error];
  if (!expectedClass) {
    // A Python-level failure inside Alembic (assert, KeyError): we must fail with a typed error.
    return thrown instanceof MigrationError
      ? []
      : [`Alembic failed with ${expected.error} (${expected.message}); we threw ${describeThrown(thrown)}`];
  }
  if (!(thrown instanceof expectedClass)) {
    return [`expected ${expected.error}: ${expected.message}; we threw ${describeThrown(thrown)}`];
  }
  const rewording = DELIBERATE_REWORDINGS.find((d) => d.applies(expected));
  if (rewording) {
    const missing = namesIn(expected.message, names).filter((name) => !thrown.message.includes(name));
    return missing.length === 0 ? [] : [`our message "${thrown.message}" does not name ${missing.join(', ')}`];
  }
  const problems: string[] = [];
  if (thrown.message !== expected.message) {
    problems.push(`message differs:\n  ours:    ${thrown.message}\n  alembic: ${expected.message}`);
  }
  if (expected.cause !== undefined) {
    const causeClass = ERROR_CLASSES[expected.cause];
    const cause = thrown.cause;
    if (causeClass && !(cause instanceof causeClass)) {
      problems.push(`expected cause ${expected.cause}; ours is ${describeThrown(cause)}`);
    } else if (cause instanceof Error && cause.message !== expected.causeMessage) {
      problems.push(`cause message differs:\n  ours:    ${cause.message}\n  alembic: ${expected.causeMessage}`);
    }
  }
  return problems;
}

/** Per step: rows removed, rows added, and the kinds of row operations in order. */
function netEffect(current: readonly string[], changes: readonly ChangeRow[][]) {
  const heads = new Set(current);
  return changes.map((rows) => {
    const before = new Set(heads);
    for (const [kind, a, b] of rows) {
      if (kind === 'insert') heads.add(a);
      else if (kind === 'delete') heads.delete(a);
      else {
        heads.delete(a);
        heads.add(b);
      }
    }
    return {
      removed: [...before].filter((h) => !heads.has(h)).sort(),
      added: [...heads].filter((h) => !before.has(h)).sort(),
      kinds: rows.map((row) => row[0]),
    };
  });
}

function withoutWarnings(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('warnings' in value)) return value;
  const { warnings: _warnings, ...rest } = value as Record<string, unknown>;
  return rest;
}

/**
 * Deliberate difference (steps.ts, mergeBranchIdents): when a merge's parents include a
 * dependency that has no row because another row already implies it, Alembic tries to
 * DELETE that row too and dies with a KeyError; we merge only the parents that are rows.
 * Up to that step the tables must agree; on it we must remove at least the rows Alembic
 * deleted before failing and add the merge revision; and we must end in a legal table.
 */
function dependencyRowMergeProblems(
  map: RevisionMap,
  query: Query & { current: string[] },
  ours: StepsAnswer,
  expected: StepsAnswer,
): string[] {
  const failed = expected.changes.length - 1;
  const step = map.get(expected.steps[failed] as string);
  const ourEffect = netEffect(query.current, ours.changes);
  const theirEffect = netEffect(query.current, expected.changes);
  const problems: string[] = [];
  if (
    query.q !== 'upgrade' ||
    expected.maintainerError!.error !== 'KeyError' ||
    step.normalizedDownRevisions.length < 2 ||
    step.resolvedDependencies.length === 0
  ) {
    return [`Alembic's HeadMaintainer failed (${expected.maintainerError!.error} ${expected.maintainerError!.message}); ours did not`];
  }
  if (!isDeepStrictEqual(ourEffect.slice(0, failed), theirEffect.slice(0, failed))) {
    problems.push(`version-table changes before ${step.revision} differ from Alembic's`);
  }
  const deletedByAlembic = expected.changes[failed].filter((row) => row[0] === 'delete').map((row) => row[1]);
  const missed = deletedByAlembic.filter((id) => !ourEffect[failed].removed.includes(id));
  if (missed.length > 0) problems.push(`merging ${step.revision} kept rows ${missed.join(', ')}`);
  if (!isDeepStrictEqual(ourEffect[failed].added, [step.revision])) {
    problems.push(`merging ${step.revision} added ${JSON.stringify(ourEffect[failed].added)}`);
  }
  for (const head of ours.heads ?? []) {
    const below = map.ancestorNodes([map.get(head)]).filter((r) => r.revision !== head);
    const implied = below.find((r) => ours.heads!.includes(r.revision));
    if (implied) problems.push(`final table holds ${head} and its ancestor ${implied.revision}`);
  }
  return problems;
}

function stepsProblems(map: RevisionMap, query: Query & { current: string[] }, ours: StepsAnswer, expected: StepsAnswer): string[] {
  const problems: string[] = [];
  if (!isDeepStrictEqual(ours.steps, expected.steps)) {
    problems.push(`steps differ:\n  ours:    ${JSON.stringify(ours.steps)}\n  alembic: ${JSON.stringify(expected.steps)}`);
    return problems;
  }
  if (expected.maintainerError) return dependencyRowMergeProblems(map, query, ours, expected);
  if (!isDeepStrictEqual(ours.heads, expected.heads)) {
    problems.push(`final heads differ: ours ${JSON.stringify(ours.heads)}, alembic ${JSON.stringify(expected.heads)}`);
  }
  const exactChanges = isDeepStrictEqual(ours.changes, expected.changes);
  if (!exactChanges && !isDeepStrictEqual(netEffect(query.current, ours.changes), netEffect(query.current, expected.changes))) {
    problems.push(
      `version-table changes differ:\n  ours:    ${JSON.stringify(ours.changes)}\n  alembic: ${JSON.stringify(expected.changes)}`,
    );
  }
  return problems;
}

function isStepsAnswer(value: unknown): value is StepsAnswer {
  return typeof value === 'object' && value !== null && 'steps' in value && 'changes' in value;
}

/** plan.ts refused a plan whose version-table changes cannot all be made. */
function isRefusedPlan(thrown: unknown): boolean {
  return thrown instanceof CommandError && thrown.message.startsWith('Cannot ') && thrown.cause instanceof RevisionError;
}

/** Problems with our outcome given one Alembic answer; empty when they agree. */
function problemsAgainst(map: RevisionMap, fixture: Fixture, query: Query, ours: Outcome, expected: unknown): string[] {
  const names = fixtureNames(fixture, query);
  if (isAlembicError(expected)) {
    if ('value' in ours) {
      const shown = JSON.stringify(ours.value, (_key, v: unknown) => (v instanceof Error ? describeThrown(v) : v));
      return [`Alembic raised ${expected.error}: ${expected.message}; we answered ${shown}`];
    }
    return errorProblems(ours.thrown, expected, names);
  }
  if ('thrown' in ours) {
    if (isStepsAnswer(expected) && expected.maintainerError && isRefusedPlan(ours.thrown)) return [];
    return [`Alembic answered ${JSON.stringify(expected)}; we threw ${describeThrown(ours.thrown)}`];
  }
  const value = ours.value;
  switch (query.q) {
    case 'upgrade':
    case 'downgrade':
    case 'stamp':
      return stepsProblems(map, query, value as StepsAnswer, expected as StepsAnswer);
    case 'getRevisions': {
      const normalised = (expected as (string | null)[]).map((id) => (id === 'base' ? null : id));
      return isDeepStrictEqual(value, normalised) ? [] : [`ours ${JSON.stringify(value)}, alembic ${JSON.stringify(expected)}`];
    }
    default: {
      const plain = withoutWarnings(expected);
      return isDeepStrictEqual(value, plain) ? [] : [`ours ${JSON.stringify(value)}, alembic ${JSON.stringify(plain)}`];
    }
  }
}

/**
 * For answers Alembic itself gives in several orders: the same revisions, every one
 * ordered against its ancestors as the query requires, and the same final heads.
 */
function orderProblems(map: RevisionMap, query: Query, ours: Outcome, variants: unknown[]): string[] {
  if (!('value' in ours) || variants.some(isAlembicError)) return ['not an ordering difference'];
  const list = (answerValue: unknown): unknown =>
    query.q === 'upgrade' || query.q === 'downgrade' ? (answerValue as StepsAnswer).steps : answerValue;
  const ourOrder = list(ours.value);
  const theirs = list(variants[0]);
  if (!Array.isArray(ourOrder) || !Array.isArray(theirs) || query.q === 'stamp' || query.q === 'branchLabels') {
    return ['not an ordering difference'];
  }
  const problems: string[] = [];
  if (!isDeepStrictEqual([...ourOrder].sort(), [...theirs].sort())) {
    problems.push(`different revisions: ours ${JSON.stringify(ourOrder)}, alembic ${JSON.stringify(theirs)}`);
  }
  const position = new Map((ourOrder as string[]).map((id, i) => [id, i]));
  const parentsFirst = query.q === 'upgrade';
  for (const id of ourOrder as string[]) {
    for (const ancestor of map.ancestorNodes([map.get(id)])) {
      const at = position.get(ancestor.revision);
      if (ancestor.revision === id || at === undefined) continue;
      if (parentsFirst ? at > position.get(id)! : at < position.get(id)!) {
        problems.push(`${id} is ordered on the wrong side of its ancestor ${ancestor.revision}`);
      }
    }
  }
  if (query.q === 'upgrade' || query.q === 'downgrade') {
    const heads = (ours.value as StepsAnswer).heads;
    if (!variants.some((v) => isDeepStrictEqual((v as StepsAnswer).heads, heads))) {
      problems.push(`final heads ${JSON.stringify(heads)} match no Alembic variant`);
    }
  }
  return problems;
}

function queryTitle(index: number, query: Query): string {
  const { q, ...args } = query;
  return `#${index} ${q} ${JSON.stringify(args)}`;
}

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
  const deliberateBuildError =
    fixture.buildWarnings?.find((w) => w.includes('is present more than once')) ??
    (fixture.buildError?.error === 'KeyError' ? fixture.buildError.message : undefined);

  if (fixture.buildError || deliberateBuildError) {
    it('fails to build like Alembic', () => {
      let thrown: unknown;
      try {
        buildMap(fixture);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RevisionError);
      const error = thrown as RevisionError;
      if (fixture.buildWarnings?.some((w) => w.includes('is present more than once'))) {
        // Alembic warns "Revision X is present more than once" and keeps the last file.
        const duplicate = /Revision (\S+) is present more than once/.exec(deliberateBuildError!)![1];
        expect(error).toBeInstanceOf(DuplicateRevisionError);
        expect((error as DuplicateRevisionError).revision).toBe(duplicate);
        expect(error.message).toContain(duplicate);
      } else if (fixture.buildError!.error === 'KeyError') {
        // Alembic dies on map_[missing]; the KeyError's key is the missing revision.
        expect(error).toBeInstanceOf(MissingRevisionError);
        expect((error as MissingRevisionError).missing).toBe(fixture.buildError!.message);
        expect(error.message).toContain(fixture.buildError!.message);
      } else {
        const accepted = fixture.buildErrorVariants ?? [fixture.buildError!];
        const problems = accepted.map((e) => errorProblems(error, e, fixtureNames(fixture)));
        if (!problems.some((p) => p.length === 0)) throw new Error(problems[0].join('\n'));
      }
    });
    return;
  }

  let map: RevisionMap;
  beforeAll(() => {
    map = buildMap(fixture);
  });

  it.each(fixture.queries.map((query, index) => [queryTitle(index, query), index] as const))('%s', (_title, index) => {
    const query = fixture.queries[index];
    const ours = run(map, query);
    const variants = fixture.hashOrderVariants?.[String(index)];
    const candidates = variants ?? [fixture.answers[index]];
    const problems = candidates.map((expected) => problemsAgainst(map, fixture, query, ours, expected));
    if (problems.some((p) => p.length === 0)) return;
    if (variants && orderProblems(map, query, ours, variants).length === 0) return;
    throw new Error(problems[0].join('\n'));
  });
});
