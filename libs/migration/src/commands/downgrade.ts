import { MigrationConfig } from '../config/migration-config';
import { CommandError } from '../errors';
import type { RunResult } from '../runtime/migration-context';
import { withEnvironment } from './environment';
import { SILENT_OUTPUT } from './output';
import { splitRange, startingHeads } from './range';
import type { RunCommandOptions } from './upgrade';

/**
 * Downgrades to `revision` (default `-1`). With `sql` the starting point cannot be read from
 * a database, so, as in Alembic, it must be given as a `from:to` range.
 */
export async function downgrade(config: MigrationConfig, revision = '-1', options: RunCommandOptions = {}): Promise<RunResult> {
  const range = splitRange(revision, options.sql ?? false);
  if (!range && options.sql) {
    throw new CommandError(`downgrade with --sql requires <fromrev>:<torev>, for example 'head:${revision}'`);
  }
  const [from, destination] = range ?? [undefined, revision];
  const output = options.output ?? SILENT_OUTPUT;
  return withEnvironment(config, { offline: options.sql ?? false, output }, ({ script, context }) =>
    context.run({
      plan: (heads) => script.downgradeRevs(destination, heads),
      startingHeads: startingHeads(script, from),
    }),
  );
}
