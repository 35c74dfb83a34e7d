import { statSync } from 'node:fs';
import { Command, Option } from 'nest-commander';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'init', description: 'Create a new migrations directory' })
export class InitCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { template?: string; multidb?: boolean }): Promise<void> {
    const created = await this.migrate.init({ ...this.flags(options), template: options.template, multidb: options.multidb });
    // Alembic's shape: directories are created, files generated.
    printLines(
      created.map((path) => (statSync(path).isDirectory() ? `Creating directory ${path} ...  done` : `Generating ${path} ...  done`)),
    );
  }

  @Option({ flags: '--multidb', description: 'several databases, one history (the multidb template)' })
  parseMultidb(): boolean {
    return true;
  }

  @Option({ flags: '-t, --template <name|path>', description: "template: 'generic', 'multidb' or a template directory (default: generic)" })
  parseTemplate(value: string): string {
    return value;
  }
}
