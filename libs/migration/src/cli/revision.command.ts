import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { NewRevisionCommand, NewRevisionOptions } from './new-revision-command';

interface RevisionCliOptions extends NewRevisionOptions {
  autogenerate?: boolean;
}

@Command(COMMANDS.revision.meta)
export class RevisionCommand extends NewRevisionCommand {
  async run(_: string[], options: RevisionCliOptions): Promise<void> {
    await this.write(options, options.autogenerate ?? false);
  }

  @Option(OPTIONS.autogenerate)
  parseAutogenerate(): boolean {
    return true;
  }

  @Option(OPTIONS.allowEmptyWithAutogenerate)
  parseAllowEmpty(): boolean {
    return true;
  }

  @Option(OPTIONS.sqlRevision)
  parseSql(): boolean {
    return true;
  }
}
