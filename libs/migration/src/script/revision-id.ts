import { randomBytes } from 'node:crypto';
import { CommandError } from '../errors';
import { RevisionError } from '../graph/errors';
import { Revision } from '../graph/revision';

/** The longest revision id the version table holds by default: its `version_num` column is VARCHAR(32), as Alembic's. */
export const DEFAULT_MAX_REVISION_ID_LENGTH = 32;

/** A new revision id: 12 random hex characters, as long as Alembic's `uuid4().hex[-12:]`. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Checks that `id` can be a revision id (Alembic's `Script.verify_rev_id`), through the
 * same check the graph makes when it reads the file, so the two never disagree.
 *
 * @throws CommandError naming the characters not allowed
 */
export function verifyRevisionId(id: string): void {
  try {
    new Revision({ revision: id, downRevision: null });
  } catch (error) {
    if (error instanceof RevisionError) throw new CommandError(error.message, { cause: error });
    throw error;
  }
}

/**
 * Checks that `id` fits the version table's `version_num` column, so that a revision is refused
 * when it is written rather than when `upgrade` records it (after its DDL ran, on MySQL).
 * @throws CommandError naming the id and the width
 */
export function verifyRevisionIdLength(id: string, maxLength = DEFAULT_MAX_REVISION_ID_LENGTH): void {
  if (id.length > maxLength) {
    throw new CommandError(
      `Revision id '${id}' is ${id.length} characters, but the version table's version_num column holds ${maxLength}; choose a --rev-id of at most ${maxLength} characters`,
    );
  }
}
