import { MigrationError } from '../errors';

/**
 * Base of every operation object (Alembic's MigrateOperation): plain data describing one
 * change. The dispatcher finds the implementation by the op's class; `reverse()` gives the op
 * that undoes it, which is how a generated downgrade is the upgrade reversed.
 */
export abstract class MigrateOperation {
  /** The op that undoes this one. @throws NotInvertibleError when it cannot be known from this op alone */
  abstract reverse(): MigrateOperation;
}

/** An op cannot be reversed: it lacks the `existing*` information, or nothing undoes it. */
export class NotInvertibleError extends MigrationError {
  constructor(
    readonly operation: string,
    reason: string,
  ) {
    super(`${operation} cannot be reversed: ${reason}`);
  }
}
