import { relative, resolve, sep } from 'node:path';
import { messageOf, MigrationError } from '../errors';

/** The promise an op call returns: it notes when anything waits on it (`await`, `.then`, `Promise.all`). */
class ObservedPromise extends Promise<void> {
  observed = false;

  // Promises derived with .then are plain ones: only the op's own promise is watched.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  override then<A = void, B = never>(
    onFulfilled?: ((value: void) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/** The revision whose calls are tracked: its file, and `upgrade` or `downgrade` (as the function is named there). */
export interface TrackedRevision {
  path: string;
  functionName: string;
}

/** One op call of a revision: what it was, where it was made, and how it ended. */
interface Call {
  method: string;
  /** Captured at the call; its stack is formatted only if a report needs the line. */
  site: Error;
  returned: ObservedPromise;
  done: Promise<void>;
  settled: boolean;
  failed: boolean;
  error?: unknown;
  /** Still running when the revision's function had returned. */
  pendingAtReturn: boolean;
}

/**
 * Every op call a revision's `upgrade(op)` / `downgrade(op)` makes belongs to that revision.
 * The tracker keeps each call's promise, so the run can wait for all of them before it records
 * the version, and tell a revision that forgot an `await` (its statement might still be running,
 * or might have failed with nobody told) from one that finished. Op promises never reach Node as
 * unhandled rejections: a failure is the revision's failure.
 */
export class OpTracker {
  private calls: Call[] = [];
  private revision?: TrackedRevision;
  /** The revision whose function has returned, until the next one starts: op calls are refused meanwhile. */
  private finished?: TrackedRevision;

  /** Starts tracking the calls of one revision's function. */
  start(revision: TrackedRevision): void {
    this.calls = [];
    this.revision = revision;
    this.finished = undefined;
  }

  /**
   * Runs one op call and answers the promise the revision gets. Outside any revision (an op
   * used on its own) the call just runs. After a revision's function has finished, a call is
   * refused: nothing would wait for its statement, so it must not run. That refusal reaches
   * whoever awaits it, or Node as an unhandled rejection, which the CLI reports in one line.
   */
  track(method: string, work: () => Promise<void>): Promise<void> {
    if (this.finished) {
      const { path, functionName } = this.finished;
      const where = callSite(new Error(), path);
      return Promise.reject(
        new MigrationError(
          `op.${method}(...)${where === undefined ? '' : ` (${where})`} was called after ${functionName}() of ${path} had returned, ` +
            'so it did not run; await every op call inside the revision',
        ),
      );
    }
    if (!this.revision) return work();
    const started = work();
    const call = { method, site: new Error(), settled: false, failed: false, pendingAtReturn: false } as Call;
    call.done = started.then(
      () => {
        call.settled = true;
      },
      (error: unknown) => {
        call.settled = true;
        call.failed = true;
        call.error = error;
      },
    );
    call.returned = new ObservedPromise((resolveCall, rejectCall) => {
      started.then(resolveCall, rejectCall);
    });
    // Handled here, so Node never reports it; whether the revision waited is `observed`.
    Promise.prototype.then.call(call.returned, undefined, () => undefined);
    this.calls.push(call);
    return call.returned;
  }

  /**
   * Ends the revision's function: waits for every call it made, then answers what went wrong,
   * if anything, as the first problem in call order (a call not awaited, one still running when
   * the function returned, or one that failed), else the function's own error.
   * @param outcome how the revision's function ended
   */
  async finish(outcome: { error?: unknown; failed: boolean }): Promise<{ error: unknown } | undefined> {
    for (const call of this.calls) call.pendingAtReturn = !call.settled;
    await Promise.all(this.calls.map((call) => call.done));
    const revision = this.revision;
    this.revision = undefined;
    this.finished = revision;
    const problem = this.calls.find((call) => !call.returned.observed || call.pendingAtReturn || call.failed);
    if (problem && revision && !(outcome.failed && problem.failed && problem.returned.observed && !problem.pendingAtReturn)) {
      return { error: new StrayOpCallError(problem.method, this.describe(problem, revision), problem.error) };
    }
    return outcome.failed ? { error: outcome.error } : undefined;
  }

  private describe(call: Call, revision: TrackedRevision): string {
    const where = callSite(call.site, revision.path);
    const at = where === undefined ? '' : ` (${where})`;
    const name = `op.${call.method}(...)${at}`;
    const failure = call.failed ? `: ${messageOf(call.error).split('\n')[0]}` : '';
    if (!call.returned.observed) {
      return call.failed
        ? `${name} was not awaited, and it failed${failure}`
        : `${name} was not awaited; await every op call, so statements run in order and a failure stops the revision`;
    }
    if (call.pendingAtReturn) return `${name} was still running when ${revision.functionName}() returned; await it`;
    return `${name} failed${failure}; a failed operation fails its revision even when the revision catches the error`;
  }
}

/** A stray op call failed its revision: one not awaited, one still running when the function returned, or one whose failure the revision swallowed. */
export class StrayOpCallError extends MigrationError {
  constructor(
    readonly method: string,
    message: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

// This library's own files (src/ under ts-jest, dist/ when built): their frames are not the caller's.
const LIBRARY_ROOT = resolve(__dirname, '..');

/**
 * `file:line` of the frame that made the call: the revision file's, or else the first frame
 * outside this library (a helper the revision calls, or a timer a revision left behind). The
 * revision file is named as the user named it; other files relative to the working directory.
 */
function callSite(site: Error, path: string): string | undefined {
  const revisionFile = resolve(path);
  let first: string | undefined;
  for (const line of (site.stack ?? '').split('\n').slice(1)) {
    const frame = /\(?((?:\/|[A-Za-z]:\\)[^()]*?):(\d+):\d+\)?\s*$/.exec(line);
    if (!frame) continue;
    const [, file, lineNumber] = frame;
    if (file === revisionFile) return `${path}:${lineNumber}`;
    if (first === undefined && !file.startsWith(LIBRARY_ROOT + sep)) first = `${relative(process.cwd(), file)}:${lineNumber}`;
  }
  return first;
}
