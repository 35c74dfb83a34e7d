import { Command } from 'nest-commander';
import { Migrate } from '../nest/migrate.service';
import { RevisionCommand } from './revision.command';

/** Flask-Migrate's `migrate`: `revision --autogenerate` under its own name, with the same options. */
@Command({ name: 'migrate', description: 'Autogenerate a revision from the differences between the entities and the database' })
export class MigrateCommand extends RevisionCommand {
  constructor(migrate: Migrate) {
    super(migrate);
  }

  override async run(args: string[], options: Parameters<RevisionCommand['run']>[1]): Promise<void> {
    await super.run(args, { ...options, autogenerate: true });
  }
}
