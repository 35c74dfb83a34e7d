import fc from 'fast-check';
import { Revision } from '../../../graph/revision';
import { randomRevisionGraph } from '../../../graph/testing';
import { RevisionMap } from '../../../graph/revision-map';
import { walkRevisions } from '../../../graph/plan';
import { graphEdges } from './edges';
import { layoutLanes } from './lanes';
// The benchmark's generator: forks into two lines of four that merge again every ten revisions.
const { buildGraph } = require('../../../../../../tools/bench/graph/generate') as {
  buildGraph: (shape: string, count: number) => { revision: string; downRevision: string | string[] | null }[];
};

// Random DAGs of up to 40 revisions, as the revision map's property tests make them.
const randomGraph = randomRevisionGraph(40);

/**
 * What any picture must be: one node row per revision, in history order; only lane characters;
 * and at each node, its own lane plus one for every revision that edges passing it lead to, and
 * at most one per passing edge: lanes are freed as branches end, and shared where edges join.
 */
function expectWellFormed(revisions: readonly Revision[]): void {
  const order = walkRevisions(new RevisionMap(() => revisions));
  const rows = layoutLanes(order, Infinity);
  const nodes = rows.flatMap((row) => (row.kind === 'node' ? [row] : []));
  expect(nodes.map((row) => row.revision.revision)).toEqual(order.map((r) => r.revision));
  const position = new Map(order.map((r, i) => [r.revision, i]));
  const edges = graphEdges(order).map((e) => [position.get(e.child)!, position.get(e.parent)!]);
  nodes.forEach((row, i) => {
    expect(row.cells).toMatch(/^([|:] )*\*( [|:])*$/);
    const passing = edges.filter(([child, parent]) => child < i && parent > i);
    const lanes = row.cells.split(' ').length;
    expect(lanes).toBeLessThanOrEqual(passing.length + 1);
    expect(lanes).toBeGreaterThanOrEqual(new Set(passing.map(([, parent]) => parent)).size + 1);
    expect(row.undrawnDependencies).toEqual([]);
  });
  for (const row of rows) if (row.kind === 'edges') expect(row.cells).toMatch(/^[|:/\\ ]+$/);
}

describe('history --graph lanes (property)', () => {
  it('random DAGs with dependencies are drawn whole, one lane per edge passing each node', () => {
    fc.assert(
      fc.property(randomGraph, (revisions) => expectWellFormed(revisions)),
      { numRuns: 200 },
    );
  });

  it('the generated branchy history keeps at most two lanes', () => {
    const revisions = buildGraph('branchy', 300).map((r) => new Revision(r));
    expectWellFormed(revisions);
    const widest = Math.max(...layoutLanes(walkRevisions(new RevisionMap(() => revisions))).map((row) => row.cells.length));
    expect(widest).toBe(3);
  });
});
