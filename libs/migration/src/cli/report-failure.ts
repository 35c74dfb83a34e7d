import { messageOf, MigrationError, missingDriverError } from '../errors';
import { oneLine } from '../one-line';
import { paint } from './cli-output';

/** Exit codes: 0 success, 1 a failed command or check, 2 bad usage (as argparse and Alembic use them). */
const USAGE_ERROR = 2;

export interface FailureContext {
  how?: string;
  unexpected?: string;
}

/** Whether a failure is shown with its stack: `--verbose` on the command line, or DEBUG in the environment. */
export function wantsStack(argv: readonly string[]): boolean {
  return argv.includes('--verbose') || process.env.DEBUG !== undefined;
}

/**
 * Prints a command's failure as one `FAILED: ...` line on stderr (the stack only when `verbose`)
 * and sets the exit code. Kept apart from the CLI runner so that the fast path reports the same
 * way without loading nest-commander.
 *
 * @param how how the error arrived, when not as the command's own failure
 * @param unexpected what an error that is not ours to expect is called: a bug of ours during a
 *   command, the app's own failure before one runs
 */
export function reportFailure(thrown: unknown, verbose: boolean, { how, unexpected = 'unexpected error: ' }: FailureContext = {}): void {
  // TypeORM's missing-driver error, met while the app boots, has a clear remedy.
  const error = missingDriverError(thrown) ?? thrown;
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
  const message = oneLine(messageOf(error));
  const hint = expected || verbose ? '' : '; run again with --verbose for the stack trace';
  const prefix = how === undefined ? '' : `${how}: `;
  process.stderr.write(`${paint(process.stderr, 'red', 'FAILED:')} ${prefix}${expected ? '' : unexpected}${message}${hint}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}

/**
 * A promise nothing awaited (in a revision, say) must not end the process with Node's raw stack,
 * nor let a run go on to record a revision that failed: one `FAILED:` line, then stop at once.
 * Open transactions die with the connections; the run journal tells what MySQL kept.
 * @param verbose whether the line comes with the stack
 * @param beforeReport called first: what a held-back output has kept is printed before the line
 * @returns a function that removes the handlers again
 */
export function stopOnStrayErrors(verbose: boolean, beforeReport: () => void = () => undefined): () => void {
  const stop = (how: string) => (error: unknown) => {
    beforeReport();
    reportFailure(error, verbose, { how });
    process.exit(1);
  };
  const rejected = stop('a promise nothing awaited was rejected');
  const thrown = stop('an error was thrown outside the command');
  process.on('unhandledRejection', rejected);
  process.on('uncaughtException', thrown);
  return () => {
    process.off('unhandledRejection', rejected);
    process.off('uncaughtException', thrown);
  };
}
