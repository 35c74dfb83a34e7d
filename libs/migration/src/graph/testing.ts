import { Revision, RevisionIds } from './revision';
import { RevisionMap } from './revision-map';

/** Test helper: a revision from positional arguments, as Alembic's own revision-map tests write them. */
export function rev(
  revision: string,
  downRevision: RevisionIds = null,
  dependsOn: RevisionIds = null,
  branchLabels: RevisionIds = null,
): Revision {
  return new Revision({ revision, downRevision, dependsOn, branchLabels });
}

/** Test helper: a map over fixed revisions, in the given (file) order. */
export function mapOf(...revisions: Revision[]): RevisionMap {
  return new RevisionMap(() => revisions);
}
