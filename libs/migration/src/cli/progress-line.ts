import { formatSeconds } from './format/applied';

/** Where the progress goes: stderr, as the CLI passes it; a test passes its own. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Time for the progress line: a test passes one it moves by hand. */
export interface ProgressClock {
  /** Milliseconds from an arbitrary origin. */
  now(): number;
  /** Calls `tick` every `ms` until the answered function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const SYSTEM_CLOCK: ProgressClock = {
  now: () => performance.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // A step's ticking never keeps the process alive on its own.
    timer.unref();
    return () => clearInterval(timer);
  },
};

// Erases the terminal line the cursor is on and returns to its start.
const CLEAR_LINE = '\r\u001b[2K';
const TICK_MS = 1000;

/**
 * The step being run, on one line. `Running upgrade a -> b, msg` is written when the step
 * starts and ` (0.12 s)` appended when it ends. On a terminal, while the step runs, the line
 * is rewritten in place each second with the time so far (`(running 12 s)`), so a long
 * statement shows it is still going; elsewhere (a CI log, a file) the lines are plain text,
 * written once. Any other line written meanwhile (a warning, an echoed statement) goes above
 * the step's line on a terminal; elsewhere it ends the step's line, and the step's end is then
 * its own line (`Finished upgrade a -> b, msg (0.12 s)`).
 */
export class ProgressLine {
  private open?: { text: string; startedAt: number; interrupted: boolean; stopTicking?: () => void; shown: string };

  constructor(
    private readonly stream: ProgressStream,
    private readonly clock: ProgressClock = SYSTEM_CLOCK,
  ) {}

  /** A whole line of other output. */
  line(text: string): void {
    const open = this.open;
    if (!open) {
      this.stream.write(`${text}\n`);
    } else if (this.stream.isTTY) {
      this.stream.write(`${CLEAR_LINE}${text}\n${open.shown}`);
    } else {
      this.stream.write(open.interrupted ? `${text}\n` : `\n${text}\n`);
      open.interrupted = true;
    }
  }

  started(text: string): void {
    this.ended(undefined);
    this.open = { text, startedAt: this.clock.now(), interrupted: false, shown: text };
    this.stream.write(text);
    if (!this.stream.isTTY) return;
    const open = this.open;
    open.stopTicking = this.clock.every(TICK_MS, () => {
      open.shown = `${open.text} (running ${Math.floor((this.clock.now() - open.startedAt) / 1000)} s)`;
      this.stream.write(`${CLEAR_LINE}${open.shown}`);
    });
  }

  /** The step ended after `elapsedMs`; undefined: it failed, and the line just ends (the failure follows). */
  ended(elapsedMs: number | undefined): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    open.stopTicking?.();
    const time = elapsedMs === undefined ? '' : ` (${formatSeconds(elapsedMs)})`;
    if (this.stream.isTTY) this.stream.write(`${CLEAR_LINE}${open.text}${time}\n`);
    else if (!open.interrupted) this.stream.write(`${time}\n`);
    else if (elapsedMs !== undefined) this.stream.write(`Finished ${open.text.replace(/^Running /, '')}${time}\n`);
  }
}
