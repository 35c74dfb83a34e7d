import { Command, Option } from 'nest-commander';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

interface ImportTypeormFlags extends SharedOptions {
  baseline?: boolean;
  typeormTable?: string;
  typeormMigrations?: string[];
}

@Command({
  name: 'import-typeorm',
  description: "Write revisions from a TypeORM project's migrations and stamp the database where TypeORM left it",
})
export class ImportTypeormCommand extends MigrationCommand {
  async run(_: string[], options: ImportTypeormFlags): Promise<void> {
    const { created } = await this.migrate.importTypeorm(
      { baseline: options.baseline, typeormTable: options.typeormTable, migrations: options.typeormMigrations },
      this.flags(options),
    );
    printLines(created.map(({ path }) => `Generating ${path} ...  done`));
  }

  @Option({ flags: '--baseline', description: 'write one revision that creates the current schema, instead of one per TypeORM migration' })
  parseBaseline(): boolean {
    return true;
  }

  @Option({
    flags: '--typeorm-table <name>',
    description: "TypeORM's migrations table (default: the DataSource's migrationsTableName, else 'migrations')",
  })
  parseTypeormTable(value: string): string {
    return value;
  }

  @Option({
    flags: '--typeorm-migrations <glob>',
    description: "TypeORM migration files (repeatable; default: the DataSource's migrations option)",
  })
  parseTypeormMigrations(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }
}
