import { CommandError } from '../errors';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';
import { currentRows } from './show';

/**
 * The revisions of `[start]:[end]` (default: all), newest first, as `history` lists them.
 * Never imports a revision module. `current` at either end names the database's revisions,
 * as in Alembic; the caller reads them (`historyReadsDatabase`), and only then does history
 * connect. With an empty version table, `current:` starts from base, and `:current` lists
 * nothing (Alembic lists every revision there: it takes the empty rows for "no end given").
 *
 * @param current the version table's rows, needed when an end is `current`
 */
export function history(script: ScriptDirectory, revRange?: string, current?: readonly string[]): Script[] {
  const [base, head] = rangeEnds(revRange);
  script.assertExists();
  // As in Alembic: with `current` at the end, a `current` start is not read (and cannot be resolved).
  if (head === 'current') return script.walkRevisions(base || 'base', currentRows(current));
  if (base === 'current') return script.walkRevisions(currentRows(current), head || 'heads');
  return script.walkRevisions(base || 'base', head || 'heads');
}

/** Whether `history -r <revRange>` needs the database's rows: when an end is `current`. */
export function historyReadsDatabase(revRange?: string): boolean {
  return rangeEnds(revRange).includes('current');
}

function rangeEnds(revRange: string | undefined): [string | undefined, string | undefined] {
  if (revRange === undefined) return [undefined, undefined];
  const parts = revRange.trim().split(':');
  if (parts.length !== 2) throw new CommandError('History range requires [start]:[end], [start]:, or :[end]');
  return [parts[0], parts[1]];
}
