import { Command, Option } from 'nest-commander';
import { RunOptions, StepCommand } from './step-command';

@Command({
  name: 'downgrade',
  arguments: '[revision]',
  description: 'Revert to a previous revision (default: -1)',
  argsDescription: { revision: 'target: -N, base, an id or prefix, label@-1, or from:to with --sql' },
})
export class DowngradeCommand extends StepCommand {
  async run([revision = '-1']: string[], options: RunOptions): Promise<void> {
    await this.migrate.downgrade(revision, this.runFlags(options));
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it; needs from:to' })
  parseSql(): boolean {
    return true;
  }
}
