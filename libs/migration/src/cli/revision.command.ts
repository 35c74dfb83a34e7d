import { Command, Option } from 'nest-commander';
import { NewRevisionCommand, NewRevisionOptions } from './new-revision-command';

interface RevisionCliOptions extends NewRevisionOptions {
  autogenerate?: boolean;
}

@Command({ name: 'revision', description: 'Create a new, empty revision file' })
export class RevisionCommand extends NewRevisionCommand {
  async run(_: string[], options: RevisionCliOptions): Promise<void> {
    await this.write(options, options.autogenerate ?? false);
  }

  @Option({ flags: '--autogenerate', description: 'fill the revision from the differences between the entities and the database' })
  parseAutogenerate(): boolean {
    return true;
  }

  @Option({ flags: '--allow-empty', description: 'with --autogenerate: write the revision even when nothing changed' })
  parseAllowEmpty(): boolean {
    return true;
  }

  @Option({
    flags: '--sql',
    description: 'accepted as in Alembic: a revision is written without a connection anyway (not with --autogenerate)',
  })
  parseSql(): boolean {
    return true;
  }
}
