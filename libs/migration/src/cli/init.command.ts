import { statSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.init.meta)
export class InitCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { template?: string; multidb?: boolean }): Promise<void> {
    const created = await this.migrate.init({ ...this.flags(options), template: options.template, multidb: options.multidb });
    // Alembic's shape: directories are created, files generated.
    printLines(
      created.map((path) => (statSync(path).isDirectory() ? `Creating directory ${path} ...  done` : `Generating ${path} ...  done`)),
    );
  }

  @Option(OPTIONS.multidb)
  parseMultidb(): boolean {
    return true;
  }

  @Option(OPTIONS.template)
  parseTemplate(value: string): string {
    return value;
  }
}
