import type { MigrationConfig } from '../config/migration-config';
import { MigrationError } from '../errors';
import { describeDatabase } from '../runtime/database';
import { AppliedRevision, appliedRevisions } from './applied-revisions';
import { InterruptedRun, InterruptedRunError } from '../runtime/run-journal';
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
