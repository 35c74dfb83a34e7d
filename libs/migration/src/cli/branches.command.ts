import { Command, Option } from 'nest-commander';
import { formatBranches } from './format/graph';
import { branchesJson, printJson, printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'branches', description: 'Show the branch points of the history' })
export class BranchesCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { json?: boolean }): Promise<void> {
    const points = await this.migrate.branches(this.flags(options));
    if (options.json) printJson(branchesJson(points));
    else printLines(formatBranches(points, options.verbose));
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
