import { resolve } from 'node:path';
import { NodeFileSystem } from '../../../script/node-file-system';
import { ScriptDirectory } from '../../../script/script-directory';
import { formatHistoryGraph, HistoryGraphOptions } from './graph-text';
import { historyOf, script } from './testing';
const { buildGraph } = require('../../../../../../tools/bench/graph/generate') as {
  buildGraph: (shape: string, count: number) => { revision: string; downRevision: string | string[] | null }[];
};

function picture(
  scripts: Parameters<typeof historyOf>[0],
  options: HistoryGraphOptions = {},
  range: [string, string] = ['base', 'heads'],
): string[] {
  return formatHistoryGraph(historyOf(scripts, ...range), options);
}

const DIAMOND = [script('a'), script('b', 'a'), script('c', 'a'), script('d', ['b', 'c'])];

describe('history --graph', () => {
  it('linear: one lane', () => {
    expect(picture([script('a'), script('b', 'a'), script('c', 'b')])).toEqual(['* c (head), step c', '* b, step b', '* a, step a']);
  });

  it('diamond a -> (b, c) -> d: the merge opens two lanes, the branch point joins them', () => {
    expect(picture(DIAMOND)).toEqual(['* d (head), step d', '|\\', '* | b, step b', '| * c, step c', '|/', '* a, step a']);
  });

  it('two heads, one labelled: the second head opens a lane on the right', () => {
    expect(picture([script('a'), script('b', 'a'), script('c', 'a', null, 'feature'), script('e', 'b')])).toEqual([
      '* c (feature) (head), step c',
      '| * e (head), step e',
      '| * b, step b',
      '|/',
      '* a, step a',
    ]);
  });

  it('several bases and a dependency across them: the dependency lane is dotted, a base ends its lane', () => {
    expect(picture([script('a'), script('b', 'a'), script('x', null, null, 'other'), script('y', 'x', 'b'), script('c', 'b')])).toEqual([
      '* y (other) (head), step y',
      '|\\',
      '* : x (other), step x',
      ' /',
      ': * c (head), step c',
      ':/',
      '* b, step b',
      '* a, step a',
    ]);
  });

  it('a dependency between branches crosses the lane in its way', () => {
    const scripts = [
      script('a'),
      script('b', 'a'),
      script('c', 'b'),
      script('d', 'c'),
      script('e', 'a'),
      script('f', 'e', 'c'),
      script('g', ['d', 'f']),
    ];
    expect(picture(scripts)).toEqual([
      '* g (head), step g',
      '|\\',
      '* | d, step d',
      '| * f, step f',
      '| |\\',
      '| * : e, step e',
      '| |/',
      '|/|',
      '* | c, step c',
      '* | b, step b',
      '|/',
      '* a, step a',
    ]);
  });

  it('a merge of three: the lanes open one column per row, and each joins the lane on its left as soon as it can', () => {
    expect(picture([script('a'), script('b', 'a'), script('c', 'a'), script('d', 'a'), script('m', ['b', 'c', 'd'])])).toEqual([
      '* m (head), step m',
      '|\\',
      '| |\\',
      '* | | b, step b',
      '| * | c, step c',
      '|/ /',
      '| * d, step d',
      '|/',
      '* a, step a',
    ]);
  });

  it('past the widest dependency lane, the row names the dependency instead', () => {
    const scripts = [script('a'), script('b', 'a'), script('c', 'a'), script('d', 'c', 'b')];
    expect(picture(scripts, { maxLanes: 1 })).toEqual([
      '* d (head) (depends on b), step d',
      '* c, step c',
      '| * b (effective head), step b',
      '|/',
      '* a, step a',
    ]);
    expect(picture(scripts)).toEqual(['* d (head), step d', '|\\', '* : c, step c', '| * b (effective head), step b', '|/', '* a, step a']);
  });

  it('a -r range is a picture of its own: edges leaving it are not drawn', () => {
    expect(picture(DIAMOND, {}, ['b', 'd'])).toEqual(['* d (head), step d', '* b, step b']);
    expect(picture(DIAMOND, {}, ['base', 'c'])).toEqual(['* c, step c', '* a, step a']);
  });

  it('-i marks the current revisions, and highlights them over the heads', () => {
    const highlight = (role: string, text: string) => `<${role}>${text}</${role}>`;
    expect(picture(DIAMOND, { current: new Map([['b', true]]), highlight })).toEqual([
      '<head>*</head> <head>d</head> (head), step d',
      '|\\',
      '<current>*</current> | <current>b</current> (current), step b',
      '| * c, step c',
      '|/',
      '* a, step a',
    ]);
    expect(picture(DIAMOND, { current: new Map([['d', 'analytics']]) })[0]).toBe('* d (head) (current: analytics), step d');
  });

  it('verbose: the Rev: block beside the lanes', () => {
    expect(picture([script('a'), script('b', 'a'), script('c', 'a')], { verbose: true })).toEqual([
      '* Rev: b (head)',
      '| Parent: a',
      '| Path: versions/b.ts',
      '|',
      '|     step b',
      '| * Rev: c (head)',
      '| | Parent: a',
      '| | Path: versions/c.ts',
      '| |',
      '| |     step c',
      '|/',
      '* Rev: a (branchpoint)',
      '  Parent: <base>',
      '  Branches into: b, c',
      '  Path: versions/a.ts',
      '',
      '      step a',
    ]);
  });

  it('a generated branchy history: two bases merged, a line, a fork into two lines of four and their merge', () => {
    const generated = buildGraph('branchy', 22).map((r) => script(r.revision, r.downRevision));
    expect(picture(generated).map((line) => line.replace(/, step \w+$/, ''))).toEqual([
      '* 35a27ab94dba (head)',
      '* 3ec3c475a54c',
      '* 8e7d52b998c3',
      '* 09959dc60d28',
      '|\\',
      '* | 7cdc85f2cf1c',
      '* | 87c4130506f1',
      '* | 44573a410fd0',
      '* | d65bbedc0d1c',
      '| * 51c83eb6732c',
      '| * 2c4a1230d7ba',
      '| * 2f895095c896',
      '| * 97a28b880812',
      '|/',
      '* 00fbda097885',
      '* afc5ce229c51',
      '|\\',
      '* | bee8a8354e97',
      '* | dd8fbf1e78e9',
      '* | 2cc09a8a86ce',
      '* | 99e1ef7c72c3',
      ' /',
      '* 327f3a3f802f',
      '* 3ffb0079e1ce',
      '* 45f245149fef',
      '* da3b32c0ab73',
    ]);
  });

  it('the demo history: a labelled branch and its merge', () => {
    const demo = new ScriptDirectory({ directory: resolve(__dirname, '../../../../../../apps/demo/migrations'), fs: new NodeFileSystem() });
    expect(formatHistoryGraph(demo.walkRevisions())).toEqual([
      '* 9a0b1c2d3e4f (tags) (head), Merge tags and user names',
      '|\\',
      '* | 8c1d2e3f4a5b (tags), Create tags tables',
      '| * 5e6f7a8b9c0d, Add user names',
      '|/',
      '* 1975ea83b712, Create posts table',
      '* 3f2a9c01d4e5, Create users table',
    ]);
  });
});
