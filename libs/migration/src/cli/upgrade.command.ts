import { Command, Option } from 'nest-commander';
import { MigrationCommand, SharedOptions } from './migration-command';

export interface RunOptions extends SharedOptions {
  sql?: boolean;
}

@Command({
  name: 'upgrade',
  arguments: '[revision]',
  description: 'Upgrade to a later revision (default: head)',
  argsDescription: { revision: 'target: head, heads, an id or prefix, label@head, +N, or from:to with --sql' },
})
export class UpgradeCommand extends MigrationCommand {
  async run([revision = 'head']: string[], options: RunOptions): Promise<void> {
    await this.migrate.upgrade(revision, { ...this.flags(options), sql: options.sql });
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it (no database connection)' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--tag <tag>', description: 'arbitrary tag for configure callbacks' })
  parseTag(value: string): string {
    return value;
  }
}
