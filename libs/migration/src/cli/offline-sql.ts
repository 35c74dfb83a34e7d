import { downgrade } from '../commands/downgrade';
import { resolve } from '../commands/environment';
import type { Output } from '../commands/output';
import { stamp } from '../commands/stamp';
import { upgrade } from '../commands/upgrade';
import { MigrationError } from '../errors';
import { configFromOptions } from '../nest/module-config';
import type { MigrationModuleOptions } from '../nest/migration-module-options.interface';
import { cliOutput } from './cli-output';
import { reportFailure, stopOnStrayErrors, wantsStack } from './report-failure';

/** A command as the fast path read it: the verb, its operands, and its options by long name. */
export interface ParsedCommand {
  verb: string;
  operands: string[];
  options: Record<string, string | true>;
}

/** A revision asked for the app's providers, which only the full CLI has. */
class NeedsTheApp extends MigrationError {
  constructor() {
    super('this revision reads the Nest app; the full CLI runs it');
  }
}

/**
 * `upgrade`, `downgrade` or `stamp` with `--sql`, configured from the module's options as the
 * `Migrate` service configures it (`configFromOptions`), the dialect read from the database's
 * URL. What the run prints is held back until it ends: a revision that asks for the app's
 * providers (`op.get`, `inject`) leaves the command, with nothing printed, to the full CLI.
 * @returns false when the command is left to the full CLI
 */
export async function answerOffline(command: ParsedCommand, options: MigrationModuleOptions, argv: readonly string[]): Promise<boolean> {
  const { directory, tag, quiet, verbose, purge } = command.options;
  const output = heldBack(cliOutput(quiet === true, verbose === true));
  const flags = { directory: directory as string | undefined, tag: tag as string | undefined };
  const run = { sql: true, output: output.sink };
  const verboseFailures = wantsStack(argv);
  // As the full CLI does: a revision's stray promise ends the run with one line, after what it printed.
  const removeStrayErrorHandlers = stopOnStrayErrors(verboseFailures, output.release);
  // Asked for even once, the app decides the run, even where the revision caught the refusal.
  let askedForTheApp = false;
  const refuse = () => {
    askedForTheApp = true;
    throw new NeedsTheApp();
  };
  let failure: { error: unknown } | undefined;
  try {
    const config = resolve(configFromOptions(options, flags, { url: (options.dataSource as { url: string }).url }, refuse));
    if (command.verb === 'upgrade') await upgrade(config, command.operands[0] ?? 'head', run);
    else if (command.verb === 'downgrade') await downgrade(config, command.operands[0] ?? '-1', run);
    else await stamp(config, command.operands, { ...run, purge: purge === true });
  } catch (error) {
    failure = { error };
  }
  if (askedForTheApp) {
    // The full CLI runs the command again, with handlers of its own.
    removeStrayErrorHandlers();
    return false;
  }
  output.release();
  if (failure) reportFailure(failure.error, verboseFailures);
  return true;
}

/**
 * An output that records every call, and makes them on `target` once released (again: only what
 * came since). SQL written between two other calls is joined into one write: a step's statements
 * reach stdout in one system call, not one each, in the same order among the other lines.
 */
function heldBack(target: Output): { sink: Output; release(): void } {
  const calls: ((output: Output) => void)[] = [];
  // The SQL texts since the last other call, written by the last recorded call.
  let sqlRun: string[] | undefined;
  const record = (call: (output: Output) => void) => {
    sqlRun = undefined;
    calls.push(call);
  };
  const sink: Output = {
    info: (line) => record((o) => o.info(line)),
    sql: (text) => {
      if (sqlRun) return void sqlRun.push(text);
      const run = [text];
      record((o) => o.sql(run.join('')));
      sqlRun = run;
    },
    warn: (line) => record((o) => o.warn(line)),
  };
  // Only the methods the target has: the run checks for them (a quiet output has no step lines).
  if (target.stepStarted) sink.stepStarted = (line) => record((o) => o.stepStarted?.(line));
  if (target.stepEnded) sink.stepEnded = (ms) => record((o) => o.stepEnded?.(ms));
  if (target.statement) sink.statement = (sql) => record((o) => o.statement?.(sql));
  const release = () => {
    sqlRun = undefined;
    calls.splice(0).forEach((call) => call(target));
  };
  return { sink, release };
}
