import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { NewRevisionCommand, NewRevisionOptions } from './new-revision-command';

/** Flask-Migrate's `migrate`: `revision --autogenerate` under its own name. */
@Command(COMMANDS.migrate.meta)
export class MigrateCommand extends NewRevisionCommand {
  async run(_: string[], options: NewRevisionOptions): Promise<void> {
    await this.write(options, true);
  }

  @Option(OPTIONS.allowEmpty)
  parseAllowEmpty(): boolean {
    return true;
  }

  // Flask-Migrate's migrate lists --sql; Alembic then refuses it. Declared so the refusal is
  // Alembic's sentence rather than "unknown option", and described as what it is.
  @Option(OPTIONS.sqlMigrate)
  parseSql(): boolean {
    return true;
  }
}
