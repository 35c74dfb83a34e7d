import type { Script } from '../../../script/script';
import type { CurrentMarks } from '../history';
import { graphEdges } from './edges';
import { revisionTitle } from './title';

/**
 * `history --format dot`: a Graphviz digraph (`dot -Tsvg`). The base is at the bottom, arrows
 * run from parent to child, `dependsOn` arrows are dashed, heads have a thick border, and with
 * `-i` the database's revisions are filled.
 */
export function formatDot(scripts: readonly Script[], current: CurrentMarks = new Map()): string[] {
  const lines = ['digraph history {', '  rankdir=BT;', '  node [shape=box];'];
  for (const script of scripts) {
    const label = [revisionTitle(script, current.get(script.revision)), ...(script.doc === '' ? [] : [script.doc])].map(quoted).join('\\n');
    const attributes = [`label="${label}"`];
    if (script.isHead) attributes.push('penwidth=3');
    if (current.has(script.revision)) attributes.push('style=filled', 'fillcolor="#fde68a"');
    lines.push(`  "${quoted(script.revision)}" [${attributes.join(', ')}];`);
  }
  for (const edge of graphEdges(scripts)) {
    lines.push(`  "${quoted(edge.parent)}" -> "${quoted(edge.child)}"${edge.kind === 'depends' ? ' [style=dashed]' : ''};`);
  }
  lines.push('}');
  return lines;
}

/** Text inside a DOT double-quoted string: backslashes and quotes escaped, a line break as `\n`. */
function quoted(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}
