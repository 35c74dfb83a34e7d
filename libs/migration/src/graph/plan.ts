import { CommandError } from '../errors';
import { formatIdent, MultipleHeadsError, RangeNotAncestorError, ResolutionError, RevisionError } from './errors';
import { HeadMaintainer } from './head-maintainer';
import { Revision, toIds } from './revision';
import { RevisionIdentifier, RevisionMap } from './revision-map';
import { MigrationStep, RevisionStep, StampStep } from './steps';

/**
 * The questions commands ask of the graph (Alembic's ScriptDirectory methods): the
 * history walk and the ordered steps of an upgrade, downgrade or stamp from a set of
 * current heads. Graph errors come out as one-line `CommandError`s worded for the
 * command, with the graph error as `cause` for callers that want the fields.
 *
 * Every plan is checked against the version table before it is returned: its steps are
 * replayed through a HeadMaintainer from the current heads, so a plan whose row changes
 * cannot all be made fails here, before the command prints a line or emits any SQL.
 * (Alembic finds out while running the steps, after their progress lines, and on a database
 * without transactional DDL keeps the rows it had already changed.)
 */

/** Revisions from `base` to `head`, newest first (what `history` prints); either end may be several revisions. */
export function walkRevisions<R extends Revision>(
  map: RevisionMap<R>,
  base: RevisionIdentifier = 'base',
  head: RevisionIdentifier = 'heads',
): R[] {
  return catchRevisionErrors({ start: formatIdent(base), end: formatIdent(head) }, () =>
    map.iterateRevisions(head, base, { inclusive: true, assertRelativeLength: false }),
  );
}

/** The upgrade steps, in the order they run, from `current` heads to `destination`. */
export function upgradeSteps<R extends Revision>(map: RevisionMap<R>, destination: string, current: readonly string[]): RevisionStep<R>[] {
  const steps = catchRevisionErrors(
    { ancestor: 'Destination %(end)s is not a valid upgrade target from current head(s)', end: destination },
    () =>
      map
        .iterateRevisions(destination, current, { implicitBase: true })
        .reverse()
        .map((rev) => new RevisionStep(map, rev, true)),
  );
  return checkedPlan(steps, current, `upgrade to ${destination}`);
}

/** The downgrade steps, in the order they run, from `current` heads down to `destination`. */
export function downgradeSteps<R extends Revision>(
  map: RevisionMap<R>,
  destination: string,
  current: readonly string[],
): RevisionStep<R>[] {
  const steps = catchRevisionErrors(
    { ancestor: 'Destination %(end)s is not a valid downgrade target from current head(s)', end: destination },
    () => map.iterateRevisions(current, destination, { selectForDowngrade: true }).map((rev) => new RevisionStep(map, rev, false)),
  );
  return checkedPlan(steps, current, `downgrade to ${destination}`);
}

/** The stamp steps that move the version table from `current` to `revisions` without running anything. */
export function stampSteps<R extends Revision>(
  map: RevisionMap<R>,
  revisions: string | readonly string[],
  current: readonly string[],
): StampStep[] {
  const targets = toIds(revisions);
  if (targets.length === 0) targets.push('base');
  const steps = catchRevisionErrors({ multipleHeads: 'Multiple heads are present; please specify a single target revision' }, () => {
    const currentRevs = map.getRevisions(current).filter((r): r is R => r !== null);

    const affected = [...new Set(targets.flatMap((target) => map.filterForLineage(currentRevs, target, true)))];
    const affectedIds = affected.map((r) => r.revision);
    const destinations = map.getRevisions(targets);
    if (destinations.length === 0) destinations.push(null);

    const steps: StampStep[] = [];
    for (const dest of destinations) {
      if (dest === null) {
        // Stamping to base removes every affected branch.
        steps.push(...affectedIds.map((id) => new StampStep([id], [], false, true)));
      } else if (!affected.includes(dest)) {
        const above = new Set(map.descendantNodes([dest]));
        const below = new Set(map.ancestorNodes([dest]));
        const headsAbove = affected.filter((r) => above.has(r));
        const headsBelow = affected.filter((r) => below.has(r));
        if (headsAbove.length > 0 && headsBelow.length > 0) {
          // Alembic stops on an assertion here; one stamp step cannot move rows both ways.
          throw new CommandError(
            `Cannot stamp ${dest.revision}: current revision(s) ${ids(headsAbove)} are above it and ${ids(headsBelow)} ` +
              'below it; stamp each branch separately',
          );
        }
        if (headsAbove.length > 0) {
          steps.push(new StampStep(affectedIds, [dest.revision], false, false));
        } else if (headsBelow.length > 0) {
          steps.push(new StampStep(affectedIds, [dest.revision], true, false));
        } else {
          steps.push(new StampStep([], [dest.revision], true, true));
        }
      }
    }
    return steps;
  });
  // Each target's step is planned against the same rows; stamped in turn, a later one may miss a row an earlier one moved.
  return checkedPlan(steps, current, `stamp ${targets.join(' ')}`, 'stamp the revisions one at a time');
}

/**
 * Answers `steps` once the version table, holding `current`, can take every one of their row
 * changes in turn; otherwise refuses the whole plan in one line naming the step and the row.
 */
function checkedPlan<S extends MigrationStep>(
  steps: S[],
  current: readonly string[],
  what: string,
  hint = "check the version table with 'current' and repair it with 'stamp'",
): S[] {
  const maintainer = new HeadMaintainer(current);
  for (const step of steps) {
    try {
      maintainer.updateToStep(step);
    } catch (error) {
      if (!(error instanceof RevisionError)) throw error;
      const rows = current.length > 0 ? current.join(', ') : 'no rows';
      throw new CommandError(`Cannot ${what}: the version table (${rows}) cannot take step ${describe(step)}: ${error.message}; ${hint}`, {
        cause: error,
      });
    }
  }
  return steps;
}

/** A step as `a, b -> c`, the revisions it moves the table from and to. */
function describe(step: MigrationStep): string {
  const from = step.fromRevisionsNoDeps.join(', ');
  return `${from === '' ? '' : `${from} `}-> ${step.toRevisionsNoDeps.join(', ') || 'base'}`;
}

interface ErrorWording {
  /** Message for an unreachable range; `%(start)s` and `%(end)s` are filled in. */
  ancestor?: string;
  /** Message when a symbol names several heads; `%(head_arg)s` is filled in. */
  multipleHeads?: string;
  start?: string;
  end?: string;
}

/** Runs `fn`, rewording graph errors the way Alembic's ScriptDirectory does. */
export function catchRevisionErrors<T>(wording: ErrorWording, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw translateRevisionError(error, wording);
  }
}

function translateRevisionError(error: unknown, wording: ErrorWording): unknown {
  const cause = { cause: error };
  if (error instanceof RangeNotAncestorError) {
    const start = wording.start ?? formatIdent(error.lower);
    const end = wording.end ?? formatIdent(error.upper);
    const template =
      wording.ancestor ?? 'Requested range %(start)s:%(end)s does not refer to ancestor/descendant revisions along the same branch';
    return new CommandError(template.replace('%(start)s', start).replace('%(end)s', end), cause);
  }
  if (error instanceof MultipleHeadsError) {
    const headArg = wording.end ?? error.argument ?? 'head';
    const template =
      wording.multipleHeads ??
      "Multiple head revisions are present for given argument '%(head_arg)s'; please specify a specific target " +
        "revision, '<branchname>@%(head_arg)s' to narrow to a specific head, or 'heads' for all heads";
    return new CommandError(template.split('%(head_arg)s').join(headArg), cause);
  }
  if (error instanceof ResolutionError) {
    // Alembic replaces every resolution error with "Can't locate"; an ambiguous prefix
    // keeps its list of candidates so the user can see which ones to tell apart.
    if (error.message.startsWith('Multiple revisions start with')) {
      return new CommandError(`${error.message}; give more characters of the revision id`, cause);
    }
    return new CommandError(`Can't locate revision identified by '${error.argument}'`, cause);
  }
  if (error instanceof RevisionError) return new CommandError(error.message, cause);
  return error;
}

function ids(revisions: readonly Revision[]): string {
  return revisions.map((r) => r.revision).join(', ');
}
