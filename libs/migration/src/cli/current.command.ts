import { Command, Option } from 'nest-commander';
import { assertNotInterrupted, CurrentResult, formatCurrent } from '../commands/current';
import { printJson, printLines, revisionJson } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'current', description: 'Show the current revision(s) of the database' })
export class CurrentCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { checkHeads?: boolean; json?: boolean }): Promise<void> {
    const result = await this.migrate.current({ ...this.flags(options), checkHeads: options.checkHeads, reportInterrupted: true });
    const json = (r: Omit<CurrentResult, 'databases'>) => ({
      database: r.database,
      heads: r.heads,
      revisions: r.revisions.map((s) => revisionJson(s)),
      // Every applied revision and the applied log's latest row for it (null: unknown).
      applied: r.applied.map((a) => ({ revision: a.revision, entry: a.entry })),
      ...(r.interrupted ? { interrupted: r.interrupted } : {}),
    });
    // Several databases: one entry per database, named; one: the object as before.
    if (options.json) printJson(result.databases ? result.databases.map((db) => ({ name: db.name, ...json(db) })) : json(result));
    else printLines(formatCurrent(result, options.verbose));
    // A database left half-way by an interrupted run is at no revision: the report above, then exit 1.
    assertNotInterrupted(result);
  }

  @Option({ flags: '--check-heads', description: 'exit 1 unless the database is on every head' })
  parseCheckHeads(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
