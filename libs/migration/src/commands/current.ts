import type { MigrationConfig } from '../config/migration-config';
import { MigrationError } from '../errors';
import { describeDatabase } from '../runtime/database';
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
  /** Multidb: every database's own result, the primary first; the fields above are the primary's. */
  databases?: Array<Omit<CurrentResult, 'databases'> & { name: string }>;
}

/**
 * What the database is at (every database, with several configurations). Reads only: takes
 * no lock and does not create the version table. With `checkHeads`, a database not on every
 * head of the history is a `HeadsNotAppliedError`.
 */
export async function current(configs: Configs, options: { checkHeads?: boolean; output?: Output } = {}): Promise<CurrentResult> {
  const list = configList(configs);
  return withEnvironments(list, { offline: false, output: options.output ?? SILENT_OUTPUT }, async (envs) => {
    const results: CurrentResult[] = [];
    for (const [i, { name, env }] of envs.entries()) {
      try {
        results.push(await currentOf(list[i], env, options.checkHeads ?? false));
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

async function currentOf(config: MigrationConfig, { script, versionTable }: Environment, checkHeads: boolean): Promise<CurrentResult> {
  const heads = await versionTable.currentHeads();
  // Listed by id: where a database keeps its rows is no order to show.
  const revisions = script.getAllCurrent(heads).sort((a, b) => (a.revision < b.revision ? -1 : 1));
  if (checkHeads) {
    const applied = new Set(revisions.map((r) => r.revision));
    const missing = script.getHeads().filter((head) => !applied.has(head));
    if (missing.length > 0) throw new HeadsNotAppliedError(missing, [...heads].sort(), config.databaseName);
  }
  return { database: describeDatabase(config.database), heads, revisions };
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
  const lines = result.revisions.map((s) => formatRevision(s, verbose));
  return verbose ? [`Current revision(s) for ${database}:`, ...lines] : lines.map((line) => prefix + line);
}
