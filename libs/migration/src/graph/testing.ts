import fc from 'fast-check';
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

/**
 * Random DAGs of up to `maxLength` revisions: revision i may take down-revisions and dependencies
 * only from revisions before it, so the graph is acyclic by construction. Ids are hex-like and
 * distinct (`r0000`, `r0001` ...).
 */
export function randomRevisionGraph(maxLength: number): fc.Arbitrary<Revision[]> {
  return fc
    .array(
      fc.record({
        parents: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
        deps: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
        isBase: fc.boolean(),
      }),
      { minLength: 1, maxLength },
    )
    .map((specs) =>
      specs.map((spec, i) => {
        const name = (n: number) => `r${n.toString(16).padStart(4, '0')}`;
        const parents = i === 0 || spec.isBase ? [] : [...new Set(spec.parents.map((p) => p % i))];
        const deps = i === 0 ? [] : [...new Set(spec.deps.map((d) => d % i))].filter((d) => !parents.includes(d));
        return new Revision({ revision: name(i), downRevision: parents.map(name), dependsOn: deps.map(name) });
      }),
    );
}
