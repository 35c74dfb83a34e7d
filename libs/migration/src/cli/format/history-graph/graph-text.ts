import { formatLogEntry } from '../../../script/format';
import type { Script } from '../../../script/script';
import type { CurrentMarks } from '../history';
import { layoutLanes, MAX_LANES } from './lanes';
import { revisionTitle } from './title';

/** What a terminal highlights: the heads, and the database's current revisions (`-i`). */
export type GraphHighlight = 'head' | 'current';

export interface HistoryGraphOptions {
  /** `Rev:` blocks beside the lanes instead of one line per revision. */
  verbose?: boolean;
  /** The database's revisions (`history -i`), marked `(current)`. */
  current?: CurrentMarks;
  /** Paints a node and its revision id; the CLI passes colour on a terminal, plain text otherwise. */
  highlight?: (role: GraphHighlight, text: string) => string;
  /** The widest a dependency lane may make the picture (default `MAX_LANES`). */
  maxLanes?: number;
}

/**
 * `history --graph`: the revisions as lanes, one row per revision, newest first:
 *
 *     *   9a0b1c2d3e4f (tags) (head), Merge tags and user names
 *     |\
 *     * | 8c1d2e3f4a5b (tags), Create tags tables
 *     | * 5e6f7a8b9c0d, Add user names
 *     |/
 *     * 1975ea83b712, Create posts table
 *
 * @param scripts the revisions as `history` returns them (any `-r` range)
 */
export function formatHistoryGraph(scripts: readonly Script[], options: HistoryGraphOptions = {}): string[] {
  const { verbose = false, current = new Map(), highlight = (_: GraphHighlight, text: string) => text } = options;
  const lines: string[] = [];
  for (const row of layoutLanes(scripts, options.maxLanes ?? MAX_LANES)) {
    if (row.kind === 'edges') {
      lines.push(row.cells);
      continue;
    }
    const script = row.revision;
    const isCurrent = current.get(script.revision);
    const text = verbose
      ? formatLogEntry(script, { isCurrent }).replace(/\n$/, '')
      : `${revisionTitle(script, isCurrent)}${row.undrawnDependencies.map((dep) => ` (depends on ${dep})`).join('')}, ${script.doc}`;
    const role: GraphHighlight | null = isCurrent !== undefined ? 'current' : script.isHead ? 'head' : null;
    const [first, ...rest] = text.split('\n');
    const paint = (value: string) => (role === null ? value : highlight(role, value));
    lines.push(`${row.cells.replace('*', paint('*'))} ${first.replace(script.revision, paint(script.revision))}`);
    for (const line of rest) lines.push(`${row.continuation} ${line}`.trimEnd());
  }
  return lines;
}
