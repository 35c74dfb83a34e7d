import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { VerifyFailedError, VerifyResult } from '../commands/verify';
import { formatVerify } from './format/verify';
import { printJson, printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';

export interface VerifyFlags extends SharedOptions {
  allowMultipleHeads?: boolean;
  json?: boolean;
}

/** Exits 1 when an applied revision's file changed since it ran, has no file, or the history has several heads: a CI gate. */
@Command(COMMANDS.verify.meta)
export class VerifyCommand extends MigrationCommand {
  async run(_: string[], options: VerifyFlags): Promise<void> {
    let result: VerifyResult;
    let failure: VerifyFailedError | undefined;
    try {
      result = await this.migrate.verify({ ...this.flags(options), allowMultipleHeads: options.allowMultipleHeads });
    } catch (error) {
      if (!(error instanceof VerifyFailedError)) throw error;
      failure = error;
      result = error.result;
    }
    // The report first, whatever it says; the problems then fail the command in one line.
    if (options.json) printJson(result);
    else printLines(formatVerify(result, options.verbose));
    if (failure) throw failure;
  }

  @Option(OPTIONS.allowMultipleHeads)
  parseAllowMultipleHeads(): boolean {
    return true;
  }

  @Option(OPTIONS.json)
  parseJson(): boolean {
    return true;
  }
}
