import { Command } from 'nest-commander';
import { formatTemplateList } from './format/templates';
import { printLines } from './cli-output';
import { MigrationCommand } from './migration-command';

@Command({ name: 'list-templates', description: 'List the templates init can use' })
export class ListTemplatesCommand extends MigrationCommand {
  async run(): Promise<void> {
    printLines(formatTemplateList());
  }
}
