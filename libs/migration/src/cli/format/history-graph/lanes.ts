import type { Revision } from '../../../graph/revision';
import { EdgeKind, GraphEdge, graphEdges } from './edges';

/**
 * The most lanes a `dependsOn` edge may widen the picture to. A dependency can reach far down
 * the history; past this width it is named in its row (`depends on <rev>`) instead of drawn.
 * Down-revision edges are always drawn: they are the branches themselves.
 */
export const MAX_LANES = 8;

/** A row of the picture: a revision's node, or the edges that move lanes between two nodes. */
export type LaneRow<R extends Revision> =
  | {
      kind: 'node';
      revision: R;
      /** The lanes with `*` in the revision's column, as `* | :`. */
      cells: string;
      /** The lanes for more lines of the same revision (a verbose block). */
      continuation: string;
      /** Dependencies not drawn as lanes, to name in the row. */
      undrawnDependencies: string[];
    }
  | { kind: 'edges'; cells: string };

/** A lane waits for the revision it leads down to. */
interface Lane {
  target: string;
  kind: EdgeKind;
}

/** A lane moving from one column to another, one column per row. */
interface Move {
  column: number;
  goal: number;
  kind: EdgeKind;
}

const VERTICAL: Record<EdgeKind, string> = { down: '|', depends: ':' };

/**
 * Lays `revisions` (newest first, as `history` lists them) out in lanes, in the manner of
 * `git log --graph`: one node row per revision, `|` for a down-revision lane, `:` for a
 * `dependsOn` lane, `\` where a revision opens lanes to its parents and `/` where lanes join
 * (before the revision they wait for, or as soon as an edge can join a lane on its left).
 * Lanes stay packed to the left, so a branch that ends gives its column back. Nothing waiting
 * for a revision makes it a head of the picture, on a new lane at the right.
 */
export function layoutLanes<R extends Revision>(revisions: readonly R[], maxLanes = MAX_LANES): LaneRow<R>[] {
  const parents = new Map<string, GraphEdge[]>();
  for (const edge of graphEdges(revisions)) {
    const list = parents.get(edge.child);
    if (list) list.push(edge);
    else parents.set(edge.child, [edge]);
  }
  const rows: LaneRow<R>[] = [];
  let lanes: Lane[] = [];
  for (const revision of revisions) {
    const id = revision.revision;
    let column = lanes.findIndex((lane) => lane.target === id);
    if (column === -1) {
      column = lanes.length;
      lanes.push({ target: id, kind: 'down' });
    } else if (lanes.some((lane, i) => i > column && lane.target === id)) {
      // Every other lane waiting for this revision joins the first one before its row.
      const kept: Lane[] = [];
      const joins = lanes.map((lane, i): Move => {
        if (i !== column && lane.target === id) return { column: i, goal: column, kind: lane.kind };
        kept.push(lane);
        return { column: i, goal: kept.length - 1, kind: lane.kind };
      });
      rows.push(...moveRows(joins));
      lanes = kept;
    }

    const drawn: GraphEdge[] = [];
    const undrawn: string[] = [];
    for (const edge of parents.get(id) ?? []) {
      if (edge.kind === 'depends' && lanes.length + drawn.length > maxLanes) undrawn.push(edge.parent);
      else drawn.push(edge);
    }
    rows.push({
      kind: 'node',
      revision,
      cells: cellsOf(lanes, column, '*'),
      continuation: cellsOf(lanes, column, drawn.length > 0 ? VERTICAL[drawn[0].kind] : ' '),
      undrawnDependencies: undrawn,
    });

    // An edge to a revision a lane on the left already waits for joins that lane at once, as
    // git does, rather than keeping a lane of its own down to it: a branch point with many
    // children stays narrow. (Only on the left: joining rightwards would cross lanes moving left.)
    const joining = drawn.map((edge) => lanes.findIndex((lane, i) => i < column && lane.target === edge.parent && lane.kind === edge.kind));
    if (drawn.length === 1 && joining[0] === -1) {
      // The common row: the lane goes on to the one parent, and nothing moves.
      lanes[column] = { target: drawn[0].parent, kind: drawn[0].kind };
      continue;
    }
    // The revision's lane becomes one lane per parent not joined on the left; none for a base.
    const next: Lane[] = [];
    const opens: Move[] = [];
    lanes.forEach((lane, i) => {
      if (i !== column) {
        opens.push({ column: i, goal: next.length, kind: lane.kind });
        next.push(lane);
        return;
      }
      drawn.forEach((edge, j) => {
        opens.push({ column: i, goal: joining[j] === -1 ? next.length : joining[j], kind: edge.kind });
        if (joining[j] === -1) next.push({ target: edge.parent, kind: edge.kind });
      });
    });
    rows.push(...moveRows(opens));
    lanes = next;
  }
  return rows;
}

function cellsOf(lanes: readonly Lane[], column: number, mark: string): string {
  return lanes.map((lane, i) => (i === column ? mark : VERTICAL[lane.kind])).join(' ');
}

/**
 * The edge rows that bring every lane from its column to its goal, one column per row:
 * `/` for a step left, `\` for a step right, the lane's own mark where it stands. Lanes move
 * one way in any one call (all join leftwards, or all open rightwards), so diagonals never meet
 * head-on; a lane that passes a standing one is drawn across it, as git does.
 */
function moveRows(moves: readonly Move[]): { kind: 'edges'; cells: string }[] {
  const rows: { kind: 'edges'; cells: string }[] = [];
  const lanes = moves.map((move) => ({ ...move }));
  while (lanes.some((lane) => lane.column !== lane.goal)) {
    const chars: string[] = [];
    for (const lane of lanes) {
      if (lane.column === lane.goal) {
        // A down-revision lane and a dependency lane in one column show as the branch.
        if (chars[2 * lane.column] !== VERTICAL.down) chars[2 * lane.column] = VERTICAL[lane.kind];
      } else if (lane.column > lane.goal) {
        chars[2 * lane.column - 1] = '/';
        lane.column -= 1;
      } else {
        chars[2 * lane.column + 1] = '\\';
        lane.column += 1;
      }
    }
    rows.push({
      kind: 'edges',
      cells: Array.from(chars, (c) => c ?? ' ')
        .join('')
        .trimEnd(),
    });
  }
  return rows;
}
