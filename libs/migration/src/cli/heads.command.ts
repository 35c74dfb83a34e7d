import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { printHeads } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.heads.meta)
export class HeadsCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { resolveDependencies?: boolean; json?: boolean }): Promise<void> {
    const heads = await this.migrate.heads({ ...this.flags(options), resolveDependencies: options.resolveDependencies });
    printHeads(heads, options);
  }

  @Option(OPTIONS.resolveDependencies)
  parseResolveDependencies(): boolean {
    return true;
  }

  @Option(OPTIONS.json)
  parseJson(): boolean {
    return true;
  }
}
