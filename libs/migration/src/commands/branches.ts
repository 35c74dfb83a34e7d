import { formatRevision } from '../script/format';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

export interface BranchPoint {
  revision: Script;
  branches: Script[];
}

/** Every branch point of the history, newest first, with the revisions it branches into. */
export function branches(script: ScriptDirectory): BranchPoint[] {
  return script
    .assertExists()
    .walkRevisions()
    .filter((s) => s.isBranchPoint)
    .map((revision) => ({ revision, branches: [...revision.nextRevisions].map((id) => script.revisionMap.get(id)) }));
}

/** Alembic's `branches` block: the branch point, then one `-> child` line per branch, then a blank line. */
export function formatBranches(points: readonly BranchPoint[], verbose = false): string[] {
  return points.flatMap(({ revision, branches: children }) => [
    formatRevision(revision, verbose, { includeBranches: true }),
    ...children.map(
      (child) => `${' '.repeat(revision.revision.length)} -> ${formatRevision(child, false, { includeBranches: true, includeDoc: verbose })}`,
    ),
    '',
  ]);
}
