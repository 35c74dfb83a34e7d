import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { MigrationCommand, SharedOptions } from './migration-command';

/**
 * Exits 1 (with the differences) when the entities and the database disagree, or when
 * `verify` finds an applied revision changed or missing, or several heads: a CI gate.
 */
@Command(COMMANDS.check.meta)
export class CheckCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { allowMultipleHeads?: boolean }): Promise<void> {
    await this.migrate.check({ ...this.flags(options), allowMultipleHeads: options.allowMultipleHeads });
  }

  @Option(OPTIONS.allowMultipleHeads)
  parseAllowMultipleHeads(): boolean {
    return true;
  }
}
