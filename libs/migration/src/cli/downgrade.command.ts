import { Command, Option } from 'nest-commander';
import { MigrationCommand } from './migration-command';
import type { RunOptions } from './upgrade.command';

@Command({
  name: 'downgrade',
  arguments: '[revision]',
  description: 'Revert to a previous revision (default: -1)',
  argsDescription: { revision: 'target: -N, base, an id or prefix, label@-1, or from:to with --sql' },
})
export class DowngradeCommand extends MigrationCommand {
  async run([revision = '-1']: string[], options: RunOptions): Promise<void> {
    await this.migrate.downgrade(revision, { ...this.flags(options), sql: options.sql });
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it; needs from:to' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--tag <tag>', description: 'arbitrary tag for configure callbacks' })
  parseTag(value: string): string {
    return value;
  }
}
