import { Command } from 'nest-commander';
import { COMMANDS } from './command-specs';
import { formatTemplateList } from './format/templates';
import { printLines } from './cli-output';
import { MigrationCommand } from './migration-command';

@Command(COMMANDS['list-templates'].meta)
export class ListTemplatesCommand extends MigrationCommand {
  async run(): Promise<void> {
    printLines(formatTemplateList());
  }
}
