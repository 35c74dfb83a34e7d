import { Command, Option } from 'nest-commander';
import { RunOptions, StepCommand } from './step-command';

@Command({
  name: 'upgrade',
  arguments: '[revision]',
  description: 'Upgrade to a later revision (default: head)',
  argsDescription: { revision: 'target: head, heads, an id or prefix, label@head, +N, or from:to with --sql' },
})
export class UpgradeCommand extends StepCommand {
  async run([revision = 'head']: string[], options: RunOptions): Promise<void> {
    await this.migrate.upgrade(revision, this.runFlags(options));
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it (no database connection)' })
  parseSql(): boolean {
    return true;
  }
}
