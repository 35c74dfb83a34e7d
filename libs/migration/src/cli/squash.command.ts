import { Command } from 'nest-commander';
import { COMMANDS } from './command-specs';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.squash.meta)
export class SquashCommand extends MigrationCommand {
  async run([revision]: string[], options: SharedOptions): Promise<void> {
    const { path, removed } = await this.migrate.squash(revision, this.flags(options));
    printLines([...removed.filter((p) => p !== path).map((p) => `Removing ${p} ...  done`), `Generating ${path} ...  done`]);
  }
}
