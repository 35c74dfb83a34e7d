import fc from 'fast-check';
import { HeadMaintainer } from './head-maintainer';
import { downgradeSteps, upgradeSteps } from './plan';
import { Revision } from './revision';
import { RevisionMap } from './revision-map';

/**
 * Random DAGs: revision i may take down-revisions and dependencies only from revisions
 * before it, so the graph is acyclic by construction. Ids are hex-like and distinct.
 */
const randomGraph = fc
  .array(
    fc.record({
      parents: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
      deps: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
      isBase: fc.boolean(),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((specs) =>
    specs.map((spec, i) => {
      const id = `r${i.toString(16).padStart(4, '0')}`;
      const parents = i === 0 || spec.isBase ? [] : [...new Set(spec.parents.map((p) => p % i))];
      const deps = i === 0 ? [] : [...new Set(spec.deps.map((d) => d % i))].filter((d) => !parents.includes(d));
      const name = (n: number) => `r${n.toString(16).padStart(4, '0')}`;
      return new Revision({ revision: id, downRevision: parents.map(name), dependsOn: deps.map(name) });
    }),
  );

function expectParentsFirst(map: RevisionMap, order: string[]): void {
  const position = new Map(order.map((id, i) => [id, i]));
  for (const id of order) {
    for (const parent of map.get(id).allDownRevisions) {
      expect(position.get(parent)).toBeLessThan(position.get(id)!);
    }
  }
}

describe('random DAGs (property)', () => {
  it('upgrade from base to heads then downgrade to base visits every revision once, parents first', () => {
    fc.assert(
      fc.property(randomGraph, (revisions) => {
        const map = new RevisionMap(() => revisions);
        const all = revisions.map((r) => r.revision).sort();

        const up = upgradeSteps(map, 'heads', []);
        const upOrder = up.map((s) => s.revision.revision);
        expect([...upOrder].sort()).toEqual(all);
        expectParentsFirst(map, upOrder);

        const maintainer = new HeadMaintainer([]);
        for (const step of up) maintainer.updateToStep(step);
        const rows = [...maintainer.heads];
        for (const row of rows) expect(map.heads).toContain(row);

        const down = downgradeSteps(map, 'base', rows);
        const downOrder = down.map((s) => s.revision.revision);
        expect([...downOrder].sort()).toEqual(all);
        expectParentsFirst(map, [...downOrder].reverse());
        for (const step of down) maintainer.updateToStep(step);
        expect([...maintainer.heads]).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
