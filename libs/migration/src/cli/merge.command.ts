import { Command, Option } from 'nest-commander';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'merge', arguments: '[revisions...]', description: 'Merge heads into one revision (default: all heads)' })
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

  @Option({ flags: '-m, --message <message>', description: 'the revision message' })
  parseMessage(value: string): string {
    return value;
  }

  @Option({ flags: '--branch-label <label>', description: 'branch label for the merge revision' })
  parseBranchLabel(value: string): string {
    return value;
  }

  @Option({ flags: '--rev-id <id>', description: 'revision id to use instead of a random one' })
  parseRevId(value: string): string {
    return value;
  }
}
