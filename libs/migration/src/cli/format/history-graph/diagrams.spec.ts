import { formatDot } from './dot';
import { formatMermaid } from './mermaid';
import { historyOf, script } from './testing';

const DIAMOND = [script('a'), script('b', 'a'), script('c', 'a', null, 'feature'), script('d', ['b', 'c'])];

describe('history --format mermaid', () => {
  it('a diamond: nodes newest first, then arrows from parent to child, heads classed', () => {
    expect(formatMermaid(historyOf(DIAMOND))).toEqual([
      'flowchart BT',
      '  rd["d (feature) (head)<br/>step d"]',
      '  rb["b<br/>step b"]',
      '  rc["c (feature)<br/>step c"]',
      '  ra["a<br/>step a"]',
      '  rb --> rd',
      '  rc --> rd',
      '  ra --> rb',
      '  ra --> rc',
      '  classDef head stroke-width:3px',
      '  class rd head',
    ]);
  });

  it('dependencies are dotted, -i fills the current revisions, and a -r range keeps its own arrows', () => {
    const scripts = [script('a'), script('b', 'a'), script('x'), script('y', 'x', 'b')];
    expect(formatMermaid(historyOf(scripts, 'base', 'y'), new Map([['x', 'analytics']]))).toEqual([
      'flowchart BT',
      '  ry["y (head)<br/>step y"]',
      '  rx["x (current: analytics)<br/>step x"]',
      '  rb["b (effective head)<br/>step b"]',
      '  ra["a<br/>step a"]',
      '  rx --> ry',
      '  rb -.-> ry',
      '  ra --> rb',
      '  classDef head stroke-width:3px',
      '  class ry,rb head',
      '  classDef current fill:#fde68a',
      '  class rx current',
    ]);
    expect(formatMermaid(historyOf(scripts, 'x', 'y'))).toEqual([
      'flowchart BT',
      '  ry["y (head)<br/>step y"]',
      '  rx["x<br/>step x"]',
      '  rx --> ry',
      '  classDef head stroke-width:3px',
      '  class ry head',
    ]);
  });

  it('escapes what Mermaid would read as syntax, and gives an id that is not a plain word a row number', () => {
    const odd = script('v1.0');
    Object.assign(odd, { doc: 'Add "quotes" <b>, #tags & `ticks`\nsecond line' });
    expect(formatMermaid([odd])).toEqual([
      'flowchart BT',
      '  n0["v1.0 (head)<br/>Add #34;quotes#34; #60;b#62;, #35;tags #38; #96;ticks#96; second line"]',
      '  classDef head stroke-width:3px',
      '  class n0 head',
    ]);
  });

  it('an empty history is an empty flowchart', () => {
    expect(formatMermaid([])).toEqual(['flowchart BT']);
  });
});

describe('history --format dot', () => {
  it('a diamond with a dependency: dashed dependency edges, thick heads, filled current revisions', () => {
    const scripts = [...DIAMOND, script('e', 'd', 'b')];
    expect(formatDot(historyOf(scripts), new Map([['d', true]]))).toEqual([
      'digraph history {',
      '  rankdir=BT;',
      '  node [shape=box];',
      '  "e" [label="e (feature) (head)\\nstep e", penwidth=3];',
      '  "d" [label="d (feature) (current)\\nstep d", style=filled, fillcolor="#fde68a"];',
      '  "c" [label="c (feature)\\nstep c"];',
      '  "b" [label="b\\nstep b"];',
      '  "a" [label="a\\nstep a"];',
      '  "d" -> "e";',
      '  "b" -> "e" [style=dashed];',
      '  "b" -> "d";',
      '  "c" -> "d";',
      '  "a" -> "c";',
      '  "a" -> "b";',
      '}',
    ]);
  });

  it('escapes quotes, backslashes and line breaks in labels', () => {
    const odd = script('q');
    Object.assign(odd, { doc: 'say "hi" \\ bye\nnext' });
    expect(formatDot([odd])).toEqual([
      'digraph history {',
      '  rankdir=BT;',
      '  node [shape=box];',
      '  "q" [label="q (head)\\nsay \\"hi\\" \\\\ bye\\nnext", penwidth=3];',
      '}',
    ]);
  });
});
