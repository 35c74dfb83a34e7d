import { MigrationConfig } from '../config/migration-config';
import type { RunResult } from '../runtime/migration-context';
import { withEnvironment } from './environment';
import { Output, SILENT_OUTPUT } from './output';
import { splitRange, startingHeads } from './range';

export interface RunCommandOptions {
  /** Write the SQL to `output.sql` instead of running it; needs no database connection. */
  sql?: boolean;
  output?: Output;
}

/**
 * Upgrades to `revision` (default `head`). With `sql`, a `from:to` range says where the
 * script starts; online the version table says it.
 */
export async function upgrade(config: MigrationConfig, revision = 'head', options: RunCommandOptions = {}): Promise<RunResult> {
  const range = splitRange(revision, options.sql ?? false);
  const [from, destination] = range ?? [undefined, revision];
  const output = options.output ?? SILENT_OUTPUT;
  return withEnvironment(config, { offline: options.sql ?? false, output }, ({ script, context }) =>
    context.run({
      plan: (heads) => script.upgradeRevs(destination, heads),
      startingHeads: startingHeads(script, from),
    }),
  );
}
