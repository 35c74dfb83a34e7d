import { CommandError } from '../errors';
import type { RunResult } from '../runtime/migration-context';
import { Configs, runOnDatabases } from './databases';
import { SILENT_OUTPUT } from './output';
import { splitRange, startingHeads } from './range';
import type { RunCommandOptions } from './upgrade';

/**
 * Downgrades to `revision` (default `-1`). With `sql` the starting point cannot be read from
 * a database, so, as in Alembic, it must be given as a `from:to` range. With several
 * configurations, downgrades every database.
 */
export async function downgrade(configs: Configs, revision = '-1', options: RunCommandOptions = {}): Promise<RunResult> {
  const range = splitRange(revision, options.sql ?? false);
  if (!range && options.sql) {
    throw new CommandError(`downgrade with --sql requires <fromrev>:<torev>, for example 'head:${revision}'`);
  }
  const [from, destination] = range ?? [undefined, revision];
  const output = options.output ?? SILENT_OUTPUT;
  return runOnDatabases(configs, { sql: options.sql ?? false, output }, (script) => ({
    plan: (heads) => script.downgradeRevs(destination, heads),
    startingHeads: startingHeads(script, from),
  }));
}
