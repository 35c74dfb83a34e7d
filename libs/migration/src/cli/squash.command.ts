import { Command } from 'nest-commander';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({
  name: 'squash',
  arguments: '<revision>',
  description: 'Replace a revision and everything below it with one baseline revision that creates the same schema',
})
export class SquashCommand extends MigrationCommand {
  async run([revision]: string[], options: SharedOptions): Promise<void> {
    const { path, removed } = await this.migrate.squash(revision, this.flags(options));
    printLines([...removed.filter((p) => p !== path).map((p) => `Removing ${p} ...  done`), `Generating ${path} ...  done`]);
  }
}
