import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { printShow } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command(COMMANDS.show.meta)
export class ShowCommand extends MigrationCommand {
  async run([revision = 'head']: string[], options: SharedOptions & { json?: boolean }): Promise<void> {
    const revisions = await this.migrate.show(revision, this.flags(options));
    printShow(revisions, options);
  }

  @Option(OPTIONS.json)
  parseJson(): boolean {
    return true;
  }
}
