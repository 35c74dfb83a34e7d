import { CommandError } from '../errors';
import { formatRevision } from '../script/format';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';
import type { CurrentResult } from './current';
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

/**
 * `history` lines: `<base> -> ab12 (head), message`, or `Rev:` blocks when verbose.
 * @param current the database's revisions, marked `(current)` (`history -i`)
 * @param applied when each applied revision ran, by revision (`history -i`, one database)
 */
export function formatHistory(
  scripts: readonly Script[],
  verbose = false,
  current: CurrentMarks = new Map(),
  applied: ReadonlyMap<string, string> = new Map(),
): string[] {
  return scripts.map((s) =>
    formatRevision(s, verbose, {
      includeBranches: true,
      includeDoc: true,
      includeParents: true,
      isCurrent: current.get(s.revision),
      applied: applied.get(s.revision),
    }),
  );
}

/** What `history -i` marks: revision -> `true` for `(current)`, or the databases it is current in. */
export type CurrentMarks = ReadonlyMap<string, true | string>;

/**
 * The marks for a `current` result: its version table's rows; with several databases, a
 * revision current in all of them is `(current)`, one current in some names them
 * (`(current: analytics)`).
 */
export function currentMarks(result: CurrentResult): CurrentMarks {
  if (!result.databases) return new Map(result.heads.map((head) => [head, true]));
  const where = new Map<string, string[]>();
  for (const db of result.databases) for (const head of db.heads) where.set(head, [...(where.get(head) ?? []), db.name]);
  const all = result.databases.length;
  return new Map([...where].map(([head, names]) => [head, names.length === all ? true : names.join(', ')]));
}
