import { CommandError } from '../errors';
import { ScriptDirectory } from '../script/script-directory';

/**
 * Splits `from:to`; `null` when the argument is not a range. Only `--sql` takes a range: online
 * the database says where to start. Both ends must be given (Alembic fails on an empty one).
 */
export function splitRange(argument: string, sql: boolean): [string, string] | null {
  if (!argument.includes(':')) return null;
  if (!sql) throw new CommandError(`Range revision not allowed: '${argument}' is a <from>:<to> range, which only --sql takes`);
  const parts = argument.split(':');
  if (parts.length !== 2) throw new CommandError(`Revision range '${argument}' must be <from>:<to>`);
  const [from, to] = parts;
  if (from === '') {
    throw new CommandError(`Revision range '${argument}' has no starting revision; write one before the ':' (base for an empty database)`);
  }
  if (to === '') throw new CommandError(`Revision range '${argument}' has no destination; write the revision after the ':'`);
  return [from, to];
}

/**
 * The heads an offline script starts from: none for `base` or no range, else the revision's full
 * id. A start that names no revision (`head` in an empty history) is refused, as Alembic fails
 * on it, rather than taken for base.
 */
export function startingHeads(script: ScriptDirectory, from: string | undefined): string[] {
  if (from === undefined || from === 'base') return [];
  const revision = script.getRevision(from);
  if (revision === null) {
    throw new CommandError(`Starting revision '${from}' names no revision; write 'base' to start from an empty database`);
  }
  return [revision.revision];
}
