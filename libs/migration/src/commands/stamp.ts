import { CommandError } from '../errors';
import type { RunResult } from '../runtime/migration-context';
import { Configs, runOnDatabases } from './databases';
import { SILENT_OUTPUT } from './output';
import { splitRange, startingHeads } from './range';
import type { RunCommandOptions } from './upgrade';

/**
 * Records `revisions` in the version table without running them. `purge` first empties the
 * table, for a database whose recorded state is unknown to the history. A run journal left by
 * an interrupted run is cleared: stamping says what the database holds, once it was repaired. With `sql`, each
 * revision may be `from:to`, all from one starting revision. With several configurations,
 * stamps every database.
 */
export async function stamp(
  configs: Configs,
  revisions: readonly string[],
  options: RunCommandOptions & { purge?: boolean } = {},
): Promise<RunResult> {
  if (options.sql && options.purge) throw new CommandError("Can't use --purge with --sql mode");
  let from: string | undefined;
  const destinations = revisions.map((revision) => {
    const range = splitRange(revision, options.sql ?? false);
    if (!range) return revision;
    if (from !== undefined && from !== range[0]) {
      throw new CommandError('Stamp operation with --sql only supports a single starting revision at a time');
    }
    from = range[0];
    return range[1];
  });
  const output = options.output ?? SILENT_OUTPUT;
  return runOnDatabases(configs, { sql: options.sql ?? false, output }, (script) => ({
    plan: (heads) => script.stampRevs(destinations, heads),
    startingHeads: startingHeads(script, from),
    purge: options.purge,
    clearJournal: true,
  }));
}
