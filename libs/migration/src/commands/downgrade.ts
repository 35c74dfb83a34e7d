import { CommandError } from '../errors';
import type { RunResult } from '../runtime/migration-context';
import { Configs, runOnDatabases } from './databases';
import { SILENT_OUTPUT } from './output';
import { splitRange, startingHeads } from './range';
import { reportNothingToDo, RunCommandOptions } from './upgrade';

// `-1`, `-2` ...: relative to the database's rows, with no branch or revision to start from.
const RELATIVE_TO_CURRENT = /^-\d/;

/**
 * Downgrades to `revision` (default `-1`). With `sql` the starting point cannot be read from
 * a database, so, as in Alembic, it must be given as a `from:to` range. With several
 * configurations, downgrades every database.
 *
 * As in Alembic, `-1` from several rows steps down from the first row the database returns,
 * with a warning that this is ambiguous.
 */
export async function downgrade(configs: Configs, revision = '-1', options: RunCommandOptions = {}): Promise<RunResult> {
  const range = splitRange(revision, options.sql ?? false);
  if (!range && options.sql) {
    throw new CommandError(`downgrade with --sql requires <fromrev>:<torev>, for example 'head:${revision}'`);
  }
  const [from, destination] = range ?? [undefined, revision];
  const output = options.output ?? SILENT_OUTPUT;
  const result = await runOnDatabases(configs, { sql: options.sql ?? false, output }, (script) => ({
    plan: (heads) => {
      if (RELATIVE_TO_CURRENT.test(destination) && new Set(heads).size > 1) {
        output.warn(
          `downgrade ${destination} from several heads (${heads.join(', ')}) is ambiguous: it steps down from ${heads[0]}, ` +
            `the first the database returned; name the branch instead (<branch>@${destination})`,
        );
      }
      return script.downgradeRevs(destination, heads);
    },
    startingHeads: startingHeads(script, from),
  }));
  if (!options.sql) reportNothingToDo(result, destination, output);
  return result;
}
