import type { DynamicModule, Type } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { messageOf, MigrationError } from '../errors';
import { cliMode } from '../nest/cli-mode';
import { paint } from './cli-output';

/** Exit codes: 0 success, 1 a failed command or check, 2 bad usage (as argparse and Alembic use them). */
const USAGE_ERROR = 2;

/**
 * Runs the application as the migration CLI: `node main.js upgrade`, `nest start -- upgrade`.
 * Errors become one `FAILED: ...` line on stderr and a non-zero exit code; the stack trace
 * appears only with `--verbose` or `DEBUG`.
 * @param rootModule the application's root module (it imports `MigrationModule`)
 * @param argv the full argument vector, `process.argv` by default
 */
export async function runMigrationCli(rootModule: Type<unknown> | DynamicModule, argv: string[] = process.argv): Promise<void> {
  cliMode.active = true;
  const verbose = argv.includes('--verbose') || process.env.DEBUG !== undefined;
  // A promise nothing awaited (in a revision, say) must not end the process with Node's raw
  // stack, nor let a run go on to record a revision that failed: one line, then stop at once.
  // Open transactions die with the connections; the run journal tells what MySQL kept.
  const stop = (kind: string) => (error: unknown) => {
    reportFailure(error, verbose, kind);
    process.exit(1);
  };
  process.on('unhandledRejection', stop('a promise nothing awaited was rejected'));
  process.on('uncaughtException', stop('an error was thrown outside the command'));
  // nest-commander parses process.argv itself.
  process.argv = withNegativeRevisionsAsOperands(argv);
  try {
    await CommandFactory.run(rootModule as Type<unknown>, {
      logger: verbose ? ['error', 'warn'] : false,
      // An error while Nest builds the app (a bad DATABASE_URL read by a DataSource factory) is
      // thrown to us instead of ending the process silently, the logger being off.
      abortOnError: false,
      errorHandler: (error) => {
        // Throwing stops commander from calling process.exit; reportFailure sets the code.
        throw error;
      },
      serviceErrorHandler: (error) => reportFailure(error, verbose),
    });
  } catch (error) {
    reportFailure(error, verbose);
  }
}

/** @param context says how the error arrived, when not as the command's own failure */
function reportFailure(error: unknown, verbose: boolean, context?: string): void {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander has printed the message and the usage line, or the help or version asked for.
    process.exitCode = (error as { exitCode?: number }).exitCode === 0 ? 0 : USAGE_ERROR;
    return;
  }
  process.exitCode = 1;
  // A file-system refusal (EACCES, EROFS, ENOSPC ...) names the file already: not a crash.
  const systemError = typeof (error as { syscall?: unknown }).syscall === 'string';
  const expected = error instanceof MigrationError || systemError;
  const message = messageOf(error).split('\n')[0];
  const hint = expected || verbose ? '' : '; run again with --verbose for the stack trace';
  const how = context === undefined ? '' : `${context}: `;
  process.stderr.write(`${paint(process.stderr, 'red', 'FAILED:')} ${how}${expected ? '' : 'unexpected error: '}${message}${hint}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}

/**
 * Relative revisions such as `-1` look like options to commander; Alembic's argparse takes
 * them as arguments. They move behind `--`, where commander reads operands only.
 */
function withNegativeRevisionsAsOperands(argv: string[]): string[] {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end + 1);
  const negative = head.filter((arg) => /^-\d+$/.test(arg));
  if (negative.length === 0) return argv;
  return [...head.filter((arg) => !/^-\d+$/.test(arg)), '--', ...negative, ...tail];
}
