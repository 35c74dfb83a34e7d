import { Command, Option } from 'nest-commander';
import { printShow } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'show', arguments: '[revision]', description: 'Show a revision (default: head)' })
export class ShowCommand extends MigrationCommand {
  async run([revision = 'head']: string[], options: SharedOptions & { json?: boolean }): Promise<void> {
    const revisions = await this.migrate.show(revision, this.flags(options));
    printShow(revisions, options);
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
