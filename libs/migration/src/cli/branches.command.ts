import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { printBranches } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.branches.meta)
export class BranchesCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { json?: boolean }): Promise<void> {
    const points = await this.migrate.branches(this.flags(options));
    printBranches(points, options);
  }

  @Option(OPTIONS.json)
  parseJson(): boolean {
    return true;
  }
}
