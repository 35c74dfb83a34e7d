import { Option } from 'nest-commander';
import { OPTIONS } from './command-specs';
import type { RunFlags } from '../nest/migrate.service';
import { MigrationCommand, SharedOptions } from './migration-command';

export interface RunOptions extends SharedOptions {
  sql?: boolean;
  echoSql?: boolean;
}

/**
 * Base of the commands that run steps against the database (`upgrade`, `downgrade`, `stamp`):
 * `--sql`, `--tag`, and `--echo-sql`, which `-v` implies here (verbose also keeps its meaning
 * of a stack trace on failure).
 */
export abstract class StepCommand extends MigrationCommand {
  /** The service flags for a run. */
  protected runFlags(options: RunOptions): RunFlags {
    return { ...this.flags(options, (options.echoSql ?? false) || (options.verbose ?? false)), sql: options.sql };
  }

  @Option(OPTIONS.echoSql)
  parseEchoSql(): boolean {
    return true;
  }

  @Option(OPTIONS.tag)
  parseTag(value: string): string {
    return value;
  }
}
