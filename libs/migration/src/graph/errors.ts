import { MigrationError } from '../errors';

/**
 * Errors of the revision graph. They mirror Alembic's revision errors one to one,
 * carry the revisions at fault as fields, and say what is wrong in one line.
 */
export class RevisionError extends MigrationError {}

/** `lower` is not an ancestor of `upper`, so no path joins them. */
export class RangeNotAncestorError extends RevisionError {
  constructor(
    readonly lower: string | readonly string[] | null,
    readonly upper: string | readonly string[] | null,
  ) {
    super(`Revision ${formatIdent(lower)} is not an ancestor of revision ${formatIdent(upper)}`);
  }
}

/** A symbol such as `head` or `branch@head` names several revisions where one is needed. */
export class MultipleHeadsError extends RevisionError {
  constructor(
    readonly heads: readonly string[],
    readonly argument: string | null,
  ) {
    super(`Multiple heads are present for given argument '${argument}'; ${heads.join(', ')}`);
  }
}

/** An identifier matches no revision or branch, or matches several by prefix. */
export class ResolutionError extends RevisionError {
  constructor(
    message: string,
    readonly argument: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The down-revision links form a cycle; `revisions` are the ones on no base-to-head path. */
export class CycleDetectedError extends RevisionError {
  protected static kind = 'Cycle';

  constructor(readonly revisions: readonly string[]) {
    super(`${(new.target as typeof CycleDetectedError).kind} is detected in revisions (${revisions.join(', ')})`);
  }
}

/** The `dependsOn` links (together with down-revisions) form a cycle. */
export class DependencyCycleDetectedError extends CycleDetectedError {
  protected static override kind = 'Dependency cycle';
}

/** A revision names itself as its own down-revision. */
export class LoopDetectedError extends CycleDetectedError {
  protected static override kind = 'Self-loop';

  constructor(readonly revision: string) {
    super([revision]);
  }
}

/** A revision names itself in its own `dependsOn`. */
export class DependencyLoopDetectedError extends LoopDetectedError {
  protected static override kind = 'Dependency self-loop';
}

/** Two revision files declare the same revision id. */
export class DuplicateRevisionError extends RevisionError {
  constructor(readonly revision: string) {
    super(`Revision ${revision} is present more than once; give one of the files a new revision id`);
  }
}

/** A revision's down-revision or dependency names a revision that does not exist. */
export class MissingRevisionError extends RevisionError {
  constructor(
    readonly missing: string,
    readonly referencedFrom: string,
    readonly kind: 'down revision' | 'dependency',
  ) {
    super(`Revision ${missing} referenced as ${kind} from ${referencedFrom} is not present`);
  }
}

/** A branch label is declared twice, or equals a revision id. */
export class DuplicateBranchLabelError extends RevisionError {
  constructor(
    readonly label: string,
    readonly revision: string,
    readonly usedBy: string,
  ) {
    super(`Branch name '${label}' in revision ${revision} already used by revision ${usedBy}`);
  }
}

/** A revision id contains a character that identifiers use as syntax (`@`, `-`, `+`). */
export class IllegalRevisionIdError extends RevisionError {
  constructor(
    readonly revision: string,
    readonly chars: readonly string[],
  ) {
    super(`Character(s) '${chars.join(', ')}' not allowed in revision identifier '${revision}'`);
  }
}

/** Revision ids as messages show them: `base` for none, else a comma-separated list. */
export function formatIdent(ident: string | readonly string[] | null): string {
  if (ident === null || ident.length === 0) return 'base';
  return typeof ident === 'string' ? ident : ident.join(', ');
}
