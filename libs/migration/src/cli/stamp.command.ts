import { Command, Option } from 'nest-commander';
import { RunOptions, StepCommand } from './step-command';

@Command({
  name: 'stamp',
  arguments: '<revisions...>',
  description: 'Set the version table to the given revisions without running migrations',
})
export class StampCommand extends StepCommand {
  async run(revisions: string[], options: RunOptions & { purge?: boolean }): Promise<void> {
    await this.migrate.stamp(revisions, { ...this.runFlags(options), purge: options.purge });
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--purge', description: 'delete every row of the version table first' })
  parsePurge(): boolean {
    return true;
  }
}
