import { describeApplied } from './applied';
import type { CurrentResult } from '../../commands/current';
import type { InterruptedRun } from '../../runtime/run-journal';
import { stampArguments } from '../../runtime/run-journal';
import { formatRevision } from '../../script/format';

/**
 * `current` lines: `ab12cd34ef56 (head)`, or, verbose, a `Current revision(s) for ...:` line
 * and `Rev:` blocks. With several databases each line starts with the database's name
 * (`analytics: ab12cd34ef56 (head)`), and the verbose heading names it.
 */
export function formatCurrent(result: CurrentResult, verbose = false): string[] {
  if (!result.databases) return formatOne(result, verbose, '', result.database);
  return result.databases.flatMap((db) => formatOne(db, verbose, `${db.name}: `, `${db.name} (${db.database})`));
}

function formatOne(result: Omit<CurrentResult, 'databases'>, verbose: boolean, prefix: string, database: string): string[] {
  const when = appliedTimes(result);
  const lines = result.revisions.map((s) => formatRevision(s, verbose, verbose ? { applied: when.get(s.revision) } : {}));
  const report = result.interrupted ? formatInterruptedRun(result.interrupted).map((line) => prefix + line) : [];
  return verbose ? [`Current revision(s) for ${database}:`, ...lines, ...report] : [...lines.map((line) => prefix + line), ...report];
}

/** Each applied revision's time as the applied log says it (`unknown` where it has no row), by revision. */
export function appliedTimes(result: Pick<CurrentResult, 'applied'>): Map<string, string> {
  return new Map(result.applied.map((a) => [a.revision, describeApplied(a.entry)]));
}

/** The whole journal report: every statement, and the two ways out. */
export function formatInterruptedRun(run: InterruptedRun): string[] {
  // A statement's continuation lines are indented under its number.
  const statement = (text: string, n: number) => text.split('\n').map((line, i) => (i === 0 ? `    (${n}) ${line}` : `        ${line}`));
  const ran = run.ran.flatMap((text, i) => statement(text, i + 1));
  const running = run.running.flatMap((text, i) => statement(text, run.ran.length + i + 1));
  if (run.inProgress) {
    return [
      `In progress: another deployment is applying revision ${run.revision} (${run.step}); the statements it has run so far:`,
      ...ran,
      ...running,
    ];
  }
  const recorded = run.recordedHeads.length === 0 ? 'no revision' : run.recordedHeads.join(', ');
  return [
    `Interrupted: a run stopped half-way through revision ${run.revision} (${run.step}).`,
    `  Statements that ran and stay applied:${ran.length === 0 ? ' none known' : ''}`,
    ...ran,
    ...(running.length === 0 ? [] : ['  Running when the run stopped (it may or may not have taken effect):', ...running]),
    `  The version table records ${recorded}. To go on, either:`,
    `    - finish the revision by hand, then run 'stamp ${stampArguments(run.headsAfter)}'; or`,
    `    - undo the statements that ran, then run 'stamp ${stampArguments(run.recordedHeads)}' and run the command again.`,
  ];
}
