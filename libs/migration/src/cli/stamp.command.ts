import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { RunOptions, StepCommand } from './step-command';

@Command(COMMANDS.stamp.meta)
export class StampCommand extends StepCommand {
  async run(revisions: string[], options: RunOptions & { purge?: boolean }): Promise<void> {
    await this.migrate.stamp(revisions, { ...this.runFlags(options), purge: options.purge });
  }

  @Option(OPTIONS.sqlStamp)
  parseSql(): boolean {
    return true;
  }

  @Option(OPTIONS.purge)
  parsePurge(): boolean {
    return true;
  }
}
