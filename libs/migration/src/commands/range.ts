import { CommandError } from '../errors';
import { ScriptDirectory } from '../script/script-directory';

/**
 * Splits `from:to`; `null` when the argument is not a range. Only `--sql` takes a range: online
 * the database says where to start.
 */
export function splitRange(argument: string, sql: boolean): [string, string] | null {
  if (!argument.includes(':')) return null;
  if (!sql) throw new CommandError(`Range revision not allowed: '${argument}' is a <from>:<to> range, which only --sql takes`);
  const parts = argument.split(':');
  if (parts.length !== 2) throw new CommandError(`Revision range '${argument}' must be <from>:<to>`);
  return [parts[0], parts[1]];
}

/** The heads an offline script starts from: none for `base` or nothing, else the revision's full id. */
export function startingHeads(script: ScriptDirectory, from: string | undefined): string[] {
  if (from === undefined || from === '' || from === 'base') return [];
  const revision = script.getRevision(from);
  return revision ? [revision.revision] : [];
}
