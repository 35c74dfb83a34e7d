import { Command, Option } from 'nest-commander';
import { NewRevisionCommand, NewRevisionOptions } from './new-revision-command';

/** Flask-Migrate's `migrate`: `revision --autogenerate` under its own name. */
@Command({ name: 'migrate', description: 'Autogenerate a revision from the differences between the entities and the database' })
export class MigrateCommand extends NewRevisionCommand {
  async run(_: string[], options: NewRevisionOptions): Promise<void> {
    await this.write(options, true);
  }

  @Option({ flags: '--allow-empty', description: 'write the revision even when nothing changed' })
  parseAllowEmpty(): boolean {
    return true;
  }

  // Flask-Migrate's migrate lists --sql; Alembic then refuses it. Declared so the refusal is
  // Alembic's sentence rather than "unknown option", and described as what it is.
  @Option({ flags: '--sql', description: 'not available: autogenerate must read the live database (refused, as in Alembic)' })
  parseSql(): boolean {
    return true;
  }
}
