import { CommandError } from '../errors';
import { formatRevision } from '../script/format';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

/**
 * The revisions of `[start]:[end]` (default: all), newest first, as `history` lists them.
 * Never imports a revision module and never connects to a database.
 */
export function history(script: ScriptDirectory, revRange?: string): Script[] {
  let base: string | undefined;
  let head: string | undefined;
  if (revRange !== undefined) {
    const parts = revRange.trim().split(':');
    if (parts.length !== 2) throw new CommandError('History range requires [start]:[end], [start]:, or :[end]');
    [base, head] = parts;
  }
  return script.assertExists().walkRevisions(base || 'base', head || 'heads');
}

/**
 * `history` lines: `<base> -> ab12 (head), message`, or `Rev:` blocks when verbose.
 * @param current the database's revisions, marked `(current)` (`history -i`)
 */
export function formatHistory(scripts: readonly Script[], verbose = false, current: ReadonlySet<string> = new Set()): string[] {
  return scripts.map((s) =>
    formatRevision(s, verbose, { includeBranches: true, includeDoc: true, includeParents: true, isCurrent: current.has(s.revision) }),
  );
}
