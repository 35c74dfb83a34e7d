import fc from 'fast-check';
import { CommandError } from '../errors';
import { HeadMaintainer } from './head-maintainer';
import { downgradeSteps, stampSteps, upgradeSteps } from './plan';
import { RevisionMap } from './revision-map';
import type { MigrationStep } from './steps';
import { randomRevisionGraph } from './testing';

const randomGraph = randomRevisionGraph(30);

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

/** A random graph with picks into it: rows of a version table, and revisions to aim at. */
const graphWithPicks = randomGraph.chain((revisions) =>
  fc.record({
    revisions: fc.constant(revisions),
    rows: fc.uniqueArray(fc.nat(revisions.length - 1), { maxLength: 4 }),
    targets: fc.array(fc.nat(revisions.length - 1), { minLength: 1, maxLength: 3 }),
  }),
);

/** Rows a version table can hold: no row is an ancestor of another. */
function antichain(map: RevisionMap, picks: string[]): string[] {
  const rows: string[] = [];
  for (const id of picks) {
    const related = (a: string, b: string) => map.ancestorNodes([map.get(a)]).some((r) => r.revision === b);
    if (rows.every((row) => !related(row, id) && !related(id, row))) rows.push(id);
  }
  return rows;
}

/** The plan's steps, or the error it refused with. */
function attempt(plan: () => MigrationStep[]): MigrationStep[] | Error {
  try {
    return plan();
  } catch (error) {
    return error as Error;
  }
}

describe('random DAGs: plans (property)', () => {
  it('every plan returned can be run to its end; one that cannot is refused before its first step', () => {
    fc.assert(
      fc.property(graphWithPicks, ({ revisions, rows: rowPicks, targets: targetPicks }) => {
        const map = new RevisionMap(() => revisions);
        const ids = revisions.map((r) => r.revision);
        // Any rows at all, as a version table changed by hand may hold them.
        const rows = rowPicks.map((i) => ids[i]);
        const targets = targetPicks.map((i) => ids[i]);
        const plans = [
          () => stampSteps(map, targets, rows),
          () => stampSteps(map, [...targets, 'base'], rows),
          () => upgradeSteps(map, 'heads', rows),
          () => upgradeSteps(map, targets[0], rows),
          () => downgradeSteps(map, targets[0], rows),
          () => downgradeSteps(map, '-1', rows),
          () => downgradeSteps(map, 'base', rows),
        ];
        for (const plan of plans) {
          const steps = attempt(plan);
          if (steps instanceof Error) {
            expect(steps).toBeInstanceOf(CommandError);
            expect(steps.message).not.toContain('\n');
            continue;
          }
          const maintainer = new HeadMaintainer(rows);
          for (const step of steps) maintainer.updateToStep(step);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a relative downgrade from several rows steps down from the first row, whatever the order of the others, as in Alembic', () => {
    fc.assert(
      fc.property(graphWithPicks, fc.constantFrom('-1', '-2'), ({ revisions, rows: rowPicks }, target) => {
        const map = new RevisionMap(() => revisions);
        const rows = antichain(
          map,
          rowPicks.map((i) => revisions[i].revision),
        );
        fc.pre(rows.length >= 2);
        const outcome = (current: string[]) => {
          const steps = attempt(() => downgradeSteps(map, target, current));
          return steps instanceof Error ? steps.message : steps.map((s) => (s.kind === 'revision' ? s.revision.revision : ''));
        };
        const [first, ...others] = rows;
        const answer = outcome(rows);
        expect(outcome([first, ...others.reverse()])).toEqual(answer);
        if (Array.isArray(answer)) expect(answer).toContain(first);
      }),
      { numRuns: 300 },
    );
  });
});
