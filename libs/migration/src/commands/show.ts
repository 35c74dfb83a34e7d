import { CommandError } from '../errors';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

/**
 * The revisions an identifier names (`head`, a partial id, `label@head` ...), for `show`.
 * `current` names the database's revisions, as in Alembic, which reads them for it.
 *
 * @param current the version table's rows, needed for `current` (see `showReadsDatabase`)
 * @throws CommandError when the identifier cannot be resolved, or is a relative step down
 *   past the first revision (`-1` on a one-revision history), where there is nothing to show
 */
export function show(script: ScriptDirectory, revision: string, current?: readonly string[]): Script[] {
  script.assertExists();
  const revisions = script.getRevisions(revision === 'current' ? currentRows(current) : revision);
  // Alembic fails here too, on the 'base' marker its walk down answers (AttributeError).
  if (revisions.includes(null)) {
    throw new CommandError(`Revision '${revision}' steps down past the first revision; there is no revision there to show`);
  }
  return revisions as Script[];
}

/** Whether `show <revision>` needs the database's rows: for `current`. */
export function showReadsDatabase(revision: string): boolean {
  return revision === 'current';
}

/** The rows `current` resolves to; a caller that did not read them gets a one-line error, not "Can't locate". */
export function currentRows(current: readonly string[] | undefined): readonly string[] {
  if (current === undefined) {
    throw new CommandError("'current' names the database's revisions; read them (the current command) and pass them in");
  }
  return current;
}
