import type { Script } from '../../../script/script';
import type { CurrentMarks } from '../history';
import { graphEdges } from './edges';
import { revisionTitle } from './title';

/**
 * `history --format mermaid`: a Mermaid flowchart for docs and PR descriptions. The base is at
 * the bottom and the heads at the top (`flowchart BT`, arrows from parent to child, as an
 * upgrade runs); `dependsOn` arrows are dotted; heads have a thick border, and with `-i` the
 * database's revisions are filled.
 */
export function formatMermaid(scripts: readonly Script[], current: CurrentMarks = new Map()): string[] {
  const ids = nodeIds(scripts);
  const lines = ['flowchart BT'];
  for (const script of scripts) {
    const title = escapeMermaid(revisionTitle(script, current.get(script.revision)));
    const doc = script.doc === '' ? '' : `<br/>${escapeMermaid(script.doc)}`;
    lines.push(`  ${ids.get(script.revision)}["${title}${doc}"]`);
  }
  for (const edge of graphEdges(scripts)) {
    lines.push(`  ${ids.get(edge.parent)} ${edge.kind === 'down' ? '-->' : '-.->'} ${ids.get(edge.child)}`);
  }
  const classes: [string, string, Script[]][] = [
    ['head', 'stroke-width:3px', scripts.filter((s) => s.isHead)],
    ['current', 'fill:#fde68a', scripts.filter((s) => current.has(s.revision))],
  ];
  for (const [name, style, members] of classes) {
    if (members.length === 0) continue;
    lines.push(`  classDef ${name} ${style}`, `  class ${members.map((s) => ids.get(s.revision)).join(',')} ${name}`);
  }
  return lines;
}

/**
 * Node ids: `r` and the revision id when it is a plain word (so the source reads like the
 * history, and no id is a Mermaid keyword such as `end`), else `n` and the row.
 */
function nodeIds(scripts: readonly Script[]): Map<string, string> {
  return new Map(scripts.map((s, i) => [s.revision, /^\w+$/.test(s.revision) ? `r${s.revision}` : `n${i}`]));
}

/**
 * Text for a quoted Mermaid label: the characters Mermaid or its HTML labels would read as
 * syntax become its `#code;` entities, and line breaks become spaces.
 */
function escapeMermaid(text: string): string {
  return text.replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}
