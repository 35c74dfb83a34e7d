import { Command, Option } from 'nest-commander';
import { formatShow } from './format/graph';
import { printJson, printLines, revisionJson } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'show', arguments: '[revision]', description: 'Show a revision (default: head)' })
export class ShowCommand extends MigrationCommand {
  async run([revision = 'head']: string[], options: SharedOptions & { json?: boolean }): Promise<void> {
    const revisions = await this.migrate.show(revision, this.flags(options));
    if (options.json) printJson(revisions.map((r) => revisionJson(r, { longMessage: r.longdoc })));
    else printLines(formatShow(revisions));
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
