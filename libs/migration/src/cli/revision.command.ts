import { Command, Option } from 'nest-commander';
import { CommandError } from '../errors';
import { Migrate } from '../nest/migrate.service';
import { printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

interface RevisionCliOptions extends SharedOptions {
  message?: string;
  head?: string;
  splice?: boolean;
  branchLabel?: string;
  versionPath?: string;
  revId?: string;
  dependsOn?: string[];
  autogenerate?: boolean;
  allowEmpty?: boolean;
  sql?: boolean;
}

@Command({ name: 'revision', description: 'Create a new, empty revision file' })
export class RevisionCommand extends MigrationCommand {
  constructor(private readonly migrate: Migrate) {
    super();
  }

  async run(_: string[], options: RevisionCliOptions): Promise<void> {
    // Alembic's words. Without --autogenerate, --sql changes nothing here: writing a revision never connects.
    if (options.sql && options.autogenerate) throw new CommandError('Using --sql with --autogenerate does not make any sense');
    const revisionOptions = {
      message: options.message,
      head: options.head,
      splice: options.splice,
      branchLabel: options.branchLabel,
      versionPath: options.versionPath,
      revId: options.revId,
      dependsOn: options.dependsOn,
    };
    const flags = this.flags(options);
    const created = options.autogenerate
      ? (await this.migrate.migrate({ ...revisionOptions, allowEmpty: options.allowEmpty }, flags)).created
      : await this.migrate.revision(revisionOptions, flags);
    if (created) printLines([`Generating ${created.path} ...  done`]);
  }

  @Option({ flags: '--sql', description: 'offline: accepted as in Alembic (a revision is written without a connection anyway)' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--allow-empty', description: 'with --autogenerate: write the revision even when nothing changed' })
  parseAllowEmpty(): boolean {
    return true;
  }

  @Option({ flags: '--autogenerate', description: 'fill the revision from the differences between the entities and the database' })
  parseAutogenerate(): boolean {
    return true;
  }

  @Option({ flags: '-m, --message <message>', description: 'the revision message' })
  parseMessage(value: string): string {
    return value;
  }

  @Option({ flags: '--head <revision>', description: "the parent revision (default: head; 'base' for a new root)" })
  parseHead(value: string): string {
    return value;
  }

  @Option({ flags: '--splice', description: 'allow a --head that is not a head, creating a branch point' })
  parseSplice(): boolean {
    return true;
  }

  @Option({ flags: '--branch-label <label>', description: 'branch label for the new revision' })
  parseBranchLabel(value: string): string {
    return value;
  }

  @Option({ flags: '--version-path <path>', description: 'version location to write the file in' })
  parseVersionPath(value: string): string {
    return value;
  }

  @Option({ flags: '--rev-id <id>', description: 'revision id to use instead of a random one' })
  parseRevId(value: string): string {
    return value;
  }

  @Option({ flags: '--depends-on <revision>', description: 'revision or branch label this one depends on (repeatable)' })
  parseDependsOn(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }
}
