import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

interface ImportTypeormFlags extends SharedOptions {
  baseline?: boolean;
  typeormTable?: string;
  typeormMigrations?: string[];
}

@Command(COMMANDS['import-typeorm'].meta)
export class ImportTypeormCommand extends MigrationCommand {
  async run(_: string[], options: ImportTypeormFlags): Promise<void> {
    const { created } = await this.migrate.importTypeorm(
      { baseline: options.baseline, typeormTable: options.typeormTable, migrations: options.typeormMigrations },
      this.flags(options),
    );
    printLines(created.map(({ path }) => `Generating ${path} ...  done`));
  }

  @Option(OPTIONS.baseline)
  parseBaseline(): boolean {
    return true;
  }

  @Option(OPTIONS.typeormTable)
  parseTypeormTable(value: string): string {
    return value;
  }

  @Option(OPTIONS.typeormMigrations)
  parseTypeormMigrations(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }
}
