import { ProgressClock, ProgressLine } from './progress-line';

/** A stream that keeps what was written, and a clock moved by hand whose ticks the test fires. */
function setup(isTTY: boolean) {
  const stream = { text: '', isTTY, write: (text: string) => (stream.text += text) };
  const clock = {
    ms: 0,
    ticks: [] as { every: number; tick: () => void; stopped: boolean }[],
    now: () => clock.ms,
    every: (every: number, tick: () => void) => {
      const entry = { every, tick, stopped: false };
      clock.ticks.push(entry);
      return () => void (entry.stopped = true);
    },
    /** Moves the time on by `ms` and fires the ticks due (every `every` ms) of the timers still running. */
    advance(ms: number) {
      for (let step = 0; step < ms; step += 1000) {
        clock.ms += Math.min(1000, ms - step);
        for (const t of clock.ticks) if (!t.stopped) t.tick();
      }
    },
  };
  return { stream, clock: clock as typeof clock & ProgressClock, progress: new ProgressLine(stream, clock) };
}

const CLEAR = '\r\u001b[2K';

describe('the progress line', () => {
  describe('not on a terminal (a CI log, a file)', () => {
    it("appends each step's time to its line when it ends, and never ticks", () => {
      const { stream, clock, progress } = setup(false);
      progress.started('Running upgrade  -> a1a1, create accounts');
      clock.advance(3000);
      progress.ended(123);
      progress.started('Running upgrade a1a1 -> b2b2, add flags');
      progress.ended(4567.8);
      expect(stream.text).toBe('Running upgrade  -> a1a1, create accounts (0.12 s)\nRunning upgrade a1a1 -> b2b2, add flags (4.57 s)\n');
      expect(clock.ticks).toEqual([]);
    });

    it('ends the line before other output, and then reports the end on a line of its own', () => {
      const { stream, progress } = setup(false);
      progress.started('Running upgrade  -> a1a1, create accounts');
      progress.line('CREATE TABLE accounts (id INTEGER);');
      progress.line("INSERT INTO migration_version (version_num) VALUES ('a1a1');");
      progress.ended(20);
      progress.line('Database is already at head (a1a1)');
      expect(stream.text).toBe(
        'Running upgrade  -> a1a1, create accounts\n' +
          'CREATE TABLE accounts (id INTEGER);\n' +
          "INSERT INTO migration_version (version_num) VALUES ('a1a1');\n" +
          'Finished upgrade  -> a1a1, create accounts (0.02 s)\n' +
          'Database is already at head (a1a1)\n',
      );
    });

    it('ends the line of a failed step with no time, for the failure to follow', () => {
      const { stream, progress } = setup(false);
      progress.started('Running upgrade  -> ee01, ee01');
      progress.ended(undefined);
      progress.ended(5);
      expect(stream.text).toBe('Running upgrade  -> ee01, ee01\n');
    });
  });

  describe('on a terminal', () => {
    it('rewrites the line in place each second while the step runs, then shows its time', () => {
      const { stream, clock, progress } = setup(true);
      progress.started('Running upgrade  -> a1a1, create index');
      expect(stream.text).toBe('Running upgrade  -> a1a1, create index');
      clock.advance(2000);
      expect(stream.text).toBe(
        'Running upgrade  -> a1a1, create index' +
          `${CLEAR}Running upgrade  -> a1a1, create index (running 1 s)` +
          `${CLEAR}Running upgrade  -> a1a1, create index (running 2 s)`,
      );
      progress.ended(2345);
      expect(stream.text.slice(stream.text.lastIndexOf(CLEAR))).toBe(`${CLEAR}Running upgrade  -> a1a1, create index (2.35 s)\n`);
      expect(clock.ticks.map((t) => [t.every, t.stopped])).toEqual([[1000, true]]);
      const before = stream.text;
      clock.advance(5000);
      expect(stream.text).toBe(before);
    });

    it('writes other output above the step, which stays on the last line', () => {
      const { stream, clock, progress } = setup(true);
      progress.started('Running upgrade  -> a1a1, create index');
      clock.advance(1000);
      stream.text = '';
      progress.line('CREATE INDEX ix ON t (id);');
      expect(stream.text).toBe(`${CLEAR}CREATE INDEX ix ON t (id);\nRunning upgrade  -> a1a1, create index (running 1 s)`);
    });

    it('stops ticking when the step fails, leaving its line', () => {
      const { stream, clock, progress } = setup(true);
      progress.started('Running upgrade  -> ee01, ee01');
      progress.ended(undefined);
      expect(stream.text).toBe(`Running upgrade  -> ee01, ee01${CLEAR}Running upgrade  -> ee01, ee01\n`);
      expect(clock.ticks[0].stopped).toBe(true);
    });
  });
});
