import { CommandError } from '../errors';
import { catchRevisionErrors } from '../graph/plan';
import type { RevisionIdentifier } from '../graph/revision-map';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

/**
 * The files of the revisions an identifier names, as Alembic's `edit` opens them (`heads`
 * names every head). `current` is not resolved here: it needs the database, so the caller
 * reads the version table and passes its ids.
 *
 * @throws CommandError when the identifier names no revision or cannot be resolved
 */
export function revisionPaths(script: ScriptDirectory, revision: RevisionIdentifier): string[] {
  script.assertExists();
  const revs = catchRevisionErrors({}, () => script.revisionMap.getRevisions(revision));
  const paths = revs.flatMap((r) => (r === null ? [] : [r.path]));
  if (paths.length === 0) {
    throw new CommandError(`No revision files indicated by symbol '${[revision ?? 'base'].flat().join(' ')}'`);
  }
  return paths;
}

/**
 * The file of the one revision `revision` names, for `edit`. Alembic's `edit` takes the
 * revision as a required argument; there is no default.
 *
 * @throws CommandError when it names no revision, or several (`heads` with two heads)
 */
export function revisionPath(script: ScriptDirectory, revision: string): string {
  script.assertExists();
  const revs = catchRevisionErrors({}, () => script.revisionMap.getRevisions(revision)).filter((r): r is Script => r !== null);
  if (revs.length === 0) throw new CommandError(`No revision files indicated by symbol '${revision}'`);
  if (revs.length > 1) {
    throw new CommandError(`'${revision}' names ${revs.length} revisions (${revs.map((r) => r.revision).join(', ')}); name one of them`);
  }
  return revs[0].path;
}
