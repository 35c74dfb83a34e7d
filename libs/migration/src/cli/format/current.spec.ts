import { interruptedRunOf } from '../../runtime/run-journal';
import { formatInterruptedRun } from './current';
import { journalEntry as entry } from '../../runtime/testing';

describe("current's report of a run journal", () => {
  it('lists every statement in full, multi-line ones indented', () => {
    const run = interruptedRunOf(
      [entry(1, 'CREATE TABLE a (\n    id INTEGER\n)', true), entry(2, 'CREATE INDEX ix ON a (id)', false)],
      ['e5e5'],
      false,
    )!;
    expect(formatInterruptedRun(run)).toEqual([
      'Interrupted: a run stopped half-way through revision f6f6 (upgrade e5e5 -> f6f6).',
      '  Statements that ran and stay applied:',
      '    (1) CREATE TABLE a (',
      '            id INTEGER',
      '        )',
      '  Running when the run stopped (it may or may not have taken effect):',
      '    (2) CREATE INDEX ix ON a (id)',
      '  The version table records e5e5. To go on, either:',
      "    - finish the revision by hand, then run 'stamp f6f6'; or",
      "    - undo the statements that ran, then run 'stamp e5e5' and run the command again.",
    ]);
  });

  it("names another deployment's journal as its progress", () => {
    const run = interruptedRunOf([entry(1, 'CREATE TABLE a (id INTEGER)', true)], ['e5e5'], true)!;
    expect(formatInterruptedRun(run)).toEqual([
      'In progress: another deployment is applying revision f6f6 (upgrade e5e5 -> f6f6); the statements it has run so far:',
      '    (1) CREATE TABLE a (id INTEGER)',
    ]);
  });
});
