import type { Revision } from '../../../graph/revision';

/** A down-revision edge (the version table follows it) or a `dependsOn` edge (ordering only). */
export type EdgeKind = 'down' | 'depends';

/** An edge of the picture: `child` builds on `parent`. */
export interface GraphEdge {
  parent: string;
  child: string;
  kind: EdgeKind;
}

/**
 * The edges among `revisions`, in their order, each child's down-revisions first, then its
 * dependencies (labels resolved to ids). An edge to a revision outside the list is left out, so
 * a `-r` range is drawn as a picture of its own. A dependency that is also a down-revision is
 * drawn once, as the down-revision.
 */
export function graphEdges(revisions: readonly Revision[]): GraphEdge[] {
  const shown = new Set(revisions.map((r) => r.revision));
  const edges: GraphEdge[] = [];
  for (const { revision: child, versionedDownRevisions: down, resolvedDependencies } of revisions) {
    for (const parent of down) if (shown.has(parent)) edges.push({ parent, child, kind: 'down' });
    for (const parent of resolvedDependencies) {
      if (shown.has(parent) && !down.includes(parent)) edges.push({ parent, child, kind: 'depends' });
    }
  }
  return edges;
}
