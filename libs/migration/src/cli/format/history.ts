import type { CurrentResult } from '../../commands/current';
import { formatRevision } from '../../script/format';
import type { Script } from '../../script/script';

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
