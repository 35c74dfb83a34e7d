import { CommandError } from '../errors';
import { ScriptDirectory } from '../script/script-directory';

/** Splits `from:to`; `null` when the argument is not a range. */
export function splitRange(argument: string): [string, string] | null {
  if (!argument.includes(':')) return null;
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
