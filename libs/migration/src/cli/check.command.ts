import { Command } from 'nest-commander';
import { MigrationCommand, SharedOptions } from './migration-command';

/** Exits 1 (with the differences) when the entities and the database disagree: a CI gate. */
@Command({ name: 'check', description: 'Check that the database matches the entities (exit 1 if not)' })
export class CheckCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions): Promise<void> {
    await this.migrate.check(this.flags(options));
  }
}
