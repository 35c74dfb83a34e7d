import { randomBytes } from 'node:crypto';
import { CommandError } from '../errors';
import { RevisionError } from '../graph/errors';
import { Revision } from '../graph/revision';

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
