import { Command, Option } from 'nest-commander';
import { currentMarks } from '../commands/history';
import { printHistory } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

@Command({ name: 'history', description: 'List the revisions, newest first' })
export class HistoryCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & { revRange?: string; indicateCurrent?: boolean; json?: boolean }): Promise<void> {
    const flags = this.flags(options);
    const revisions = await this.migrate.history({ ...flags, revRange: options.revRange });
    // -i needs the database; without it history reads only the revision files.
    const current = options.indicateCurrent ? currentMarks(await this.migrate.current(flags)) : undefined;
    printHistory(revisions, options, current);
  }

  @Option({ flags: '-r, --rev-range <start:end>', description: 'revision range: start:end, start: or :end' })
  parseRevRange(value: string): string {
    return value;
  }

  @Option({ flags: '-i, --indicate-current', description: "mark the database's current revisions (connects)" })
  parseIndicateCurrent(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }
}
