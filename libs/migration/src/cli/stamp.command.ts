import { Command, Option } from 'nest-commander';
import { MigrationCommand } from './migration-command';
import type { RunOptions } from './upgrade.command';

@Command({
  name: 'stamp',
  arguments: '<revisions...>',
  description: "Set the version table to the given revisions without running migrations",
})
export class StampCommand extends MigrationCommand {
  async run(revisions: string[], options: RunOptions & { purge?: boolean }): Promise<void> {
    await this.migrate.stamp(revisions, { ...this.flags(options), sql: options.sql, purge: options.purge });
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--purge', description: 'delete every row of the version table first' })
  parsePurge(): boolean {
    return true;
  }

  @Option({ flags: '--tag <tag>', description: 'arbitrary tag for configure callbacks' })
  parseTag(value: string): string {
    return value;
  }
}
