import { Command, Option } from 'nest-commander';
import { MigrationCommand, SharedOptions } from './migration-command';

/**
 * Exits 1 (with the differences) when the entities and the database disagree, or when
 * `verify` finds an applied revision changed or missing, or several heads: a CI gate.
 */
@Command({ name: 'check', description: 'Check that the database matches the entities, and verify (exit 1 if not)' })
export class CheckCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { allowMultipleHeads?: boolean }): Promise<void> {
    await this.migrate.check({ ...this.flags(options), allowMultipleHeads: options.allowMultipleHeads });
  }

  @Option({ flags: '--allow-multiple-heads', description: 'do not fail on a history with several heads' })
  parseAllowMultipleHeads(): boolean {
    return true;
  }
}
