import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.merge.meta)
export class MergeCommand extends MigrationCommand {
  async run(revisions: string[], options: SharedOptions & { message?: string; branchLabel?: string; revId?: string }): Promise<void> {
    const created = await this.migrate.merge(
      {
        revisions: revisions.length > 0 ? revisions : 'heads',
        message: options.message,
        branchLabel: options.branchLabel,
        revId: options.revId,
      },
      this.flags(options),
    );
    printLines([`Generating ${created.path} ...  done`]);
  }

  @Option(OPTIONS.message)
  parseMessage(value: string): string {
    return value;
  }

  @Option(OPTIONS.mergeBranchLabel)
  parseBranchLabel(value: string): string {
    return value;
  }

  @Option(OPTIONS.revId)
  parseRevId(value: string): string {
    return value;
  }
}
