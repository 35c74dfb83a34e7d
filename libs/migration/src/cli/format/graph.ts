import type { BranchPoint } from '../../commands/branches';
import { formatLogEntry, formatRevision } from '../../script/format';
import type { Script } from '../../script/script';

// The text the graph commands print, in Alembic's shapes; the commands return the data.

/** `heads` lines: `ab12 (label) (head)`. */
export function formatHeads(scripts: readonly Script[], verbose = false): string[] {
  return scripts.map((s) => formatRevision(s, verbose, { includeBranches: true, treeIndicators: false }));
}

/** Alembic's `branches` block: the branch point, then one `-> child` line per branch, then a blank line. */
export function formatBranches(points: readonly BranchPoint[], verbose = false): string[] {
  return points.flatMap(({ revision, branches: children }) => [
    formatRevision(revision, verbose, { includeBranches: true }),
    ...children.map(
      (child) =>
        `${' '.repeat(revision.revision.length)} -> ${formatRevision(child, false, { includeBranches: true, includeDoc: verbose })}`,
    ),
    '',
  ]);
}

/** `show`: each revision's full log entry. */
export function formatShow(scripts: readonly Script[]): string[] {
  return scripts.map((s) => formatLogEntry(s));
}
