import { Command, Option } from 'nest-commander';
import { printBranches } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'branches', description: 'Show the branch points of the history' })
export class BranchesCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { json?: boolean }): Promise<void> {
    const points = await this.migrate.branches(this.flags(options));
    printBranches(points, options);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
