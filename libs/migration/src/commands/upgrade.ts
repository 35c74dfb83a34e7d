import type { RunResult } from '../runtime/migration-context';
import { Configs, runOnDatabases } from './databases';
import { Output, SILENT_OUTPUT } from './output';
import { splitRange, startingHeads } from './range';

export interface RunCommandOptions {
  /** Write the SQL to `output.sql` instead of running it; needs no database connection. */
  sql?: boolean;
  output?: Output;
}

/**
 * Upgrades to `revision` (default `head`). With `sql`, a `from:to` range says where the
 * script starts; online the version table says it. With several configurations, upgrades
 * every database (see `runOnDatabases`).
 */
export async function upgrade(configs: Configs, revision = 'head', options: RunCommandOptions = {}): Promise<RunResult> {
  const range = splitRange(revision, options.sql ?? false);
  const [from, destination] = range ?? [undefined, revision];
  const output = options.output ?? SILENT_OUTPUT;
  const result = await runOnDatabases(configs, { sql: options.sql ?? false, output }, (script) => ({
    plan: (heads) => script.upgradeRevs(destination, heads),
    startingHeads: startingHeads(script, from),
  }));
  if (!options.sql) reportNothingToDo(result, destination, output);
  return result;
}

/**
 * Beyond Alembic, which prints nothing: a run with no step says so, naming the target and the
 * revisions the database is at (`Database is already at head (ab12)`); with several
 * databases, each that had nothing to do.
 */
export function reportNothingToDo(result: RunResult, target: string, output: Output): void {
  for (const db of result.databases ?? [{ ...result, database: undefined }]) {
    if (db.steps.length > 0) continue;
    const at = db.heads.length === 0 ? 'base' : [...db.heads].sort().join(', ');
    output.info(`Database${db.database === undefined ? '' : ` ${db.database}`} is already at ${target} (${at})`);
  }
}
