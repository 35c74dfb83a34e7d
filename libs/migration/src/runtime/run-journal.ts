import { dialectFor } from '../dialects/registry';
import { MigrationError } from '../errors';
import { renderLiteral } from './sql-emitter';
import { ToolTable } from './tool-table';

/** One row of the journal: a statement of the revision being applied, recorded before it ran. */
export interface JournalEntry {
  seq: number;
  revision: string;
  /** The step, as the run log names it: `upgrade e5e5 -> f6f6`. */
  step: string;
  /** What the version table records once the step is done. */
  headsAfter: string[];
  statement: string;
  /** Set once the statement has completed; a row without it was running when the run stopped. */
  done: boolean;
}

/** A statement's place in the journal: recorded before it runs, marked when it has completed. */
export interface StatementJournal {
  /** Records the statement about to run; answers its entry. */
  before(statement: string): Promise<number>;
  /** The statement of this entry completed. */
  completed(entry: number): Promise<void>;
  /** The statement of this entry failed, or was rolled back: it took no effect. */
  failed(entry: number): void;
}

/** What an interrupted run left, read from the journal and the version table. */
export interface InterruptedRun {
  revision: string;
  step: string;
  /** Statements that ran and stay applied. */
  ran: string[];
  /** The statement(s) that were running when the run stopped: each may or may not have taken effect. */
  running: string[];
  /** What the version table records now. */
  recordedHeads: string[];
  /** What it would record had the step finished. */
  headsAfter: string[];
  /** Another deployment holds the lock: the journal is that run's, still going. */
  inProgress: boolean;
}

/**
 * The run journal: where a step that the database cannot roll back (MySQL/MariaDB, whose DDL
 * commits at once; `transactionMode: 'none'`; a revision exporting `transactional = false`)
 * records each statement before running it and again when it has completed, and which is
 * emptied in the same transaction that writes the step's version row. A journal that is not
 * empty therefore means a run stopped half-way through that step: it says which statements
 * ran, and which one was running (that one may or may not have taken effect, since a statement
 * and its record cannot commit together). Every statement goes through the SqlEmitter, so a
 * `--sql` script carries the same journal.
 */
export class RunJournal extends ToolTable {
  /** Creates the table unless it exists; `IF NOT EXISTS`, so a `--sql` script can carry it too. */
  async ensure(): Promise<void> {
    await this.create(
      [
        ['seq', 'INTEGER NOT NULL'],
        ['revision', `VARCHAR(${this.options.columnWidth}) NOT NULL`],
        ['step', 'TEXT NOT NULL'],
        ['heads_after', 'TEXT NOT NULL'],
        ['statement', `${dialectFor(this.emitter.dialect).longTextType} NOT NULL`],
        ['done', 'INTEGER NOT NULL'],
      ],
      'seq',
    );
  }

  /** The journal's rows in order; none when the table does not exist. Online only. */
  async read(): Promise<JournalEntry[]> {
    return (await this.rows(COLUMNS, 'seq')).map((row) => ({
      seq: Number(row.seq),
      revision: String(row.revision),
      step: String(row.step),
      headsAfter: String(row.heads_after).split(' ').filter(Boolean),
      statement: String(row.statement),
      done: Number(row.done) === 1,
    }));
  }

  /** Empties the journal: `stamp` says what the database holds. */
  async clear(): Promise<void> {
    await this.emitter.execute(this.clearStatement);
  }

  /** The statement that empties the journal, for a step's batch: its version row is written (`VersionTable.apply`). */
  get clearStatement(): string {
    return `DELETE FROM ${this.qualifiedName}`;
  }

  /** The journal of one step, for its statements as the revision runs them. */
  forStep(revision: string, step: string, headsAfter: readonly string[]): StepJournal {
    return new StepJournal(this, revision, step, headsAfter);
  }

  /** @internal Records one statement, not yet done. */
  async insert(seq: number, step: StepJournal, statement: string): Promise<void> {
    const literal = (value: string | number) => renderLiteral(this.emitter.dialect, value);
    await this.emitter.execute(
      `INSERT INTO ${this.qualifiedName} (${COLUMNS.map((c) => this.q(c)).join(', ')}) ` +
        `VALUES (${[seq, step.revision, step.step, step.headsAfter.join(' '), statement, 0].map(literal).join(', ')})`,
    );
  }

  /** @internal Marks one statement done. */
  async markDone(seq: number): Promise<void> {
    await this.emitter.execute(`UPDATE ${this.qualifiedName} SET ${this.q('done')} = 1 WHERE ${this.q('seq')} = ${seq}`);
  }

  /** @internal Deletes the rows of statements that took no effect. */
  async remove(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.emitter.execute(`DELETE FROM ${this.qualifiedName} WHERE ${this.q('seq')} IN (${seqs.join(', ')})`);
  }
}

/** One step's statements in the journal. */
export class StepJournal implements StatementJournal {
  private last = 0;
  private readonly failures: number[] = [];

  constructor(
    private readonly journal: RunJournal,
    readonly revision: string,
    readonly step: string,
    readonly headsAfter: readonly string[],
  ) {}

  async before(statement: string): Promise<number> {
    // Numbered before the insert is awaited, so op calls made together get distinct entries.
    const seq = ++this.last;
    await this.journal.insert(seq, this, statement);
    return seq;
  }

  completed(entry: number): Promise<void> {
    return this.journal.markDone(entry);
  }

  failed(entry: number): void {
    this.failures.push(entry);
  }

  /**
   * After the revision failed and whatever could be rolled back was: forgets the statements that
   * took no effect and answers those that stay applied, read back from the journal (on MySQL, the
   * statements before the first DDL were rolled back with the transaction, their rows included).
   * When none stay, the journal is emptied: there is nothing to repair.
   */
  async settleFailure(): Promise<string[]> {
    await this.journal.remove(this.failures);
    const left = await this.journal.read();
    if (left.length === 0) return [];
    return left.map((entry) => entry.statement);
  }
}

/**
 * An earlier run stopped half-way through a step the database could not roll back (or, when
 * `inProgress`, another deployment is in the middle of it). Commands refuse to run on such a
 * database until the journal is dealt with: `stamp` clears it.
 */
export class InterruptedRunError extends MigrationError {
  constructor(readonly run: InterruptedRun) {
    super(describeInterruptedRun(run));
  }
}

/** What the journal holds, as an InterruptedRun; undefined when it is empty. */
export function interruptedRunOf(
  entries: readonly JournalEntry[],
  recordedHeads: readonly string[],
  inProgress: boolean,
): InterruptedRun | undefined {
  if (entries.length === 0) return undefined;
  const { revision, step, headsAfter } = entries[entries.length - 1];
  return {
    revision,
    step,
    ran: entries.filter((entry) => entry.done).map((entry) => entry.statement),
    running: entries.filter((entry) => !entry.done).map((entry) => entry.statement),
    recordedHeads: [...recordedHeads],
    headsAfter: [...headsAfter],
    inProgress,
  };
}

/** `stamp` arguments that set the version table to these heads. */
export function stampArguments(heads: readonly string[]): string {
  return heads.length === 0 ? 'base' : heads.join(' ');
}

const COLUMNS = ['seq', 'revision', 'step', 'heads_after', 'statement', 'done'];

// The one-line form lists a few statements; 'current' shows every one of them.
const LISTED = 3;
const STATEMENT_WIDTH = 120;

function describeInterruptedRun(run: InterruptedRun): string {
  const listed = (statements: readonly string[], from: number) => {
    const shown = statements.slice(0, LISTED).map((s, i) => `(${from + i}) ${oneLine(s)}`);
    if (statements.length > LISTED) shown.push(`and ${statements.length - LISTED} more`);
    return shown.join(' ');
  };
  const ran = run.ran.length === 0 ? 'no statement had completed' : `${count(run.ran.length)} ran: ${listed(run.ran, 1)}`;
  const running =
    run.running.length === 0
      ? ''
      : `; ${run.running.length === 1 ? 'this one was' : 'these were'} running and may or may not have taken effect: ${listed(run.running, run.ran.length + 1)}`;
  if (run.inProgress) {
    return (
      `another deployment is in the middle of revision ${run.revision} (${run.step}) on this database; ` +
      "wait for it to finish and run the command again; 'current' shows what it has done so far"
    );
  }
  return (
    `an earlier run stopped half-way through revision ${run.revision} (${run.step}): ${ran}${running}; ` +
    `the version table still records ${run.recordedHeads.length === 0 ? 'no revision' : run.recordedHeads.join(', ')}: ` +
    `finish the revision by hand and run 'stamp ${stampArguments(run.headsAfter)}', or undo what ran, run 'stamp ${stampArguments(run.recordedHeads)}' ` +
    "and run the command again; 'current' shows the whole report"
  );
}

function count(n: number): string {
  return n === 1 ? '1 statement' : `${n} statements`;
}

/** A statement on one line, shortened: the one-line form must stay one line. */
function oneLine(statement: string): string {
  const text = statement.replace(/\s+/g, ' ').trim();
  return text.length > STATEMENT_WIDTH ? `${text.slice(0, STATEMENT_WIDTH - 3)}...` : text;
}
