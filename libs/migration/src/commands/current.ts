import type { MigrationConfig } from '../config/migration-config';
import { MigrationError } from '../errors';
import { describeDatabase } from '../runtime/database';
import { AppliedRevision, appliedRevisions, describeApplied } from './applied-revisions';
import { InterruptedRun, InterruptedRunError, stampArguments } from '../runtime/run-journal';
import { formatRevision } from '../script/format';
import { Script } from '../script/script';
import { configList, Configs, DatabaseFailedError, isMany, withEnvironments } from './databases';
import type { Environment } from './environment';
import { Output, SILENT_OUTPUT } from './output';

/** `current --check-heads` found the database behind the history: the CLI exits 1. */
export class HeadsNotAppliedError extends MigrationError {
  constructor(
    readonly missing: readonly string[],
    readonly current: readonly string[],
    readonly databaseName?: string,
  ) {
    super(
      `Database${databaseName === undefined ? '' : ` ${databaseName}`} is not on all head revisions: ${missing.join(', ')} not applied (current: ${current.length > 0 ? current.join(', ') : 'none'}); run 'upgrade heads'`,
    );
  }
}

export interface CurrentResult {
  /** The database, safe to print (a URL's password is hidden). */
  database: string;
  /** The rows of the version table, in the order the database returns them. */
  heads: string[];
  /** The branch heads those rows stand for, as `current` lists them (by revision id). */
  revisions: Script[];
  /** Every applied revision, newest first, with the applied log's latest row for it (when it ran). */
  applied: AppliedRevision[];
  /** What the run journal holds: a run that stopped half-way, or one still going. Only with `reportInterrupted`. */
  interrupted?: InterruptedRun;
  /** Multidb: every database's own result, the primary first; the fields above are the primary's. */
  databases?: Array<Omit<CurrentResult, 'databases'> & { name: string }>;
}

/**
 * What the database is at (every database, with several configurations). Reads only: takes
 * no lock and does not create the version table. With `checkHeads`, a database not on every
 * head of the history is a `HeadsNotAppliedError`. A run journal that is not empty is an
 * `InterruptedRunError`, unless `reportInterrupted` asks for it in the result (the CLI's
 * `current` prints the whole report).
 */
export async function current(
  configs: Configs,
  options: { checkHeads?: boolean; output?: Output; reportInterrupted?: boolean } = {},
): Promise<CurrentResult> {
  const list = configList(configs);
  return withEnvironments(list, { offline: false, output: options.output ?? SILENT_OUTPUT, access: 'read' }, async (envs) => {
    const results: CurrentResult[] = [];
    for (const [i, { name, env }] of envs.entries()) {
      try {
        results.push(await currentOf(list[i], env, options));
      } catch (error) {
        // An unknown row in one version table: with several databases, say whose.
        if (!isMany(configs) || error instanceof HeadsNotAppliedError) throw error;
        throw new DatabaseFailedError(name, undefined, error);
      }
    }
    if (!isMany(configs)) return results[0];
    return { ...results[0], databases: results.map((result, i) => ({ name: envs[i].name, ...result })) };
  });
}

async function currentOf(
  config: MigrationConfig,
  { script, versionTable, appliedLog, context }: Environment,
  options: { checkHeads?: boolean; reportInterrupted?: boolean },
): Promise<CurrentResult> {
  const interrupted = await context.interruptedRun();
  if (interrupted && !options.reportInterrupted) throw new InterruptedRunError(interrupted);
  const heads = await versionTable.currentHeads();
  // Listed by id: where a database keeps its rows is no order to show.
  const revisions = script.getAllCurrent(heads).sort((a, b) => (a.revision < b.revision ? -1 : 1));
  // A database between revisions is reported as such, not as behind the heads.
  if (options.checkHeads && !interrupted) {
    const applied = new Set(revisions.map((r) => r.revision));
    const missing = script.getHeads().filter((head) => !applied.has(head));
    if (missing.length > 0) throw new HeadsNotAppliedError(missing, [...heads].sort(), config.databaseName);
  }
  const applied = appliedRevisions(script, heads, await appliedLog.read());
  return { database: describeDatabase(config.database), heads, revisions, applied, ...(interrupted ? { interrupted } : {}) };
}

/** Stops with the journal's one-line report when a database was left half-way by a run that stopped (not one still going). */
export function assertNotInterrupted(result: CurrentResult): void {
  for (const db of result.databases ?? [{ ...result, name: undefined }]) {
    if (!db.interrupted || db.interrupted.inProgress) continue;
    const error = new InterruptedRunError(db.interrupted);
    throw db.name === undefined ? error : new DatabaseFailedError(db.name, undefined, error);
  }
}

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
