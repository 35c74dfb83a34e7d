import { Command, Option } from 'nest-commander';
import { printHeads } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'heads', description: 'Show the heads of the history' })
export class HeadsCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { resolveDependencies?: boolean; json?: boolean }): Promise<void> {
    const heads = await this.migrate.heads({ ...this.flags(options), resolveDependencies: options.resolveDependencies });
    printHeads(heads, options);
  }

  @Option({ flags: '--resolve-dependencies', description: 'treat dependencies as down revisions' })
  parseResolveDependencies(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
