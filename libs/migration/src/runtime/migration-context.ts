import type { DeployLock } from '../dialects/deploy-lock';
import { dialectFor } from '../dialects/registry';
import { messageOf, MigrationError } from '../errors';
import { oneLine } from '../one-line';
import { HeadMaintainer } from '../graph/head-maintainer';
import type { MigrationStep } from '../graph/steps';
import type { TransactionMode } from '../config/migration-config';
import type { FileSystem } from '../script/file-system';
import type { Script } from '../script/script';
import type { AppliedLog } from './applied-log';
import { Operations } from './operations';
import { ForeignKeyViolationError } from './sqlite-foreign-keys';
import { loadRevisionModule, RevisionModule } from './revision-loader';
import { InterruptedRun, InterruptedRunError, interruptedRunOf, RunJournal, stampArguments, StepJournal } from './run-journal';
import type { SqlEmitter } from './sql-emitter';
import { describeStep, shortLog } from './step-log';
import { checkRevisionIdFits, VersionTable } from './version-table';

/** A revision's upgrade or downgrade threw; the message says which, and what state it left. */
export class RevisionFailedError extends MigrationError {
  constructor(
    readonly revision: string,
    readonly path: string,
    message: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

export interface MigrationContextOptions {
  emitter: SqlEmitter;
  versionTable: VersionTable;
  ops: Operations;
  lock: DeployLock;
  /** Where steps the database cannot roll back record their statements. */
  journal: RunJournal;
  mode: TransactionMode;
  /** How long to wait for another deployment's lock (SQLite's write lock included). */
  lockTimeoutMs: number;
  /** The applied log, written with each step's version row. */
  appliedLog: AppliedLog;
  /** The checksum of a revision file as it runs (`revisionChecksum` of its text). */
  checksumOf: (path: string) => string;
  /** The tool version the applied log records. */
  toolVersion: string;
  /** Told what the run does besides its steps (waiting for the lock, clearing a journal). */
  log: (line: string) => void;
  /** Told `Running upgrade a -> b, message` before each step, and its time after; `log` gets the line otherwise. */
  progress?: StepProgress;
  loadModule?: (path: string) => RevisionModule;
  /** Where the default `loadModule` reads `.ts` revisions and keeps their compiled forms (node:fs when absent). */
  fs?: FileSystem;
  /** In a multi-database setup, the database this context migrates: revisions run its `upgrade_<name>`. */
  database?: string;
}

/** Where each step's start and end are reported (the CLI's progress line). */
export interface StepProgress {
  started(line: string): void;
  /** The step started last ended after `elapsedMs`; undefined when it failed. */
  ended(elapsedMs: number | undefined): void;
}

export interface RunOptions {
  /** The steps to take from the heads found in the version table (read again under the lock). */
  plan: (heads: readonly string[]) => MigrationStep[];
  /** Offline: the heads the script starts from (there is no table to read). */
  startingHeads?: readonly string[];
  /** `stamp --purge`: empty the version table first, whatever it holds. */
  purge?: boolean;
  /**
   * `stamp`: the user says what the database holds, so a journal left by an interrupted run is
   * cleared instead of stopping the command.
   */
  clearJournal?: boolean;
}

export interface RunResult {
  /** The heads the version table recorded when the run started (read under the lock), or the script's start offline. */
  from: string[];
  steps: MigrationStep[];
  /** The heads recorded in the version table after the run. */
  heads: string[];
  /** Multidb: every database's own result, the primary first; the fields above are the primary's. */
  databases?: Array<Omit<RunResult, 'databases'> & { database: string }>;
}

/**
 * Runs steps against one database (Alembic's MigrationContext.run_migrations): takes the
 * deploy lock, reads the heads again under it, plans, and for each step runs the revision and
 * the version-table change together, in the configured transaction mode. Offline the same
 * code writes the script, because every statement goes through the one SqlEmitter.
 */
export class MigrationContext {
  private readonly loadModule: (path: string) => RevisionModule;
  private inTransaction = false;
  /** Steps done inside the transaction still open: a failure rolls them back too. */
  private uncommitted: { step: string; headsBefore: string[] }[] = [];
  private locked = false;
  private journalReady = false;
  private logReady = false;
  private waitAnnounced = false;
  private started?: { from: readonly string[]; steps: MigrationStep[]; modules: Map<string, RevisionModule>; maintainer: HeadMaintainer };
  private preparedId?: string;

  constructor(private readonly options: MigrationContextOptions) {
    this.loadModule = options.loadModule ?? ((path) => loadRevisionModule(path, options.database, options.fs));
  }

  /** Runs the whole command on this database: `start`, `migrate`, `commit`, and `abort` on failure. */
  async run(run: RunOptions): Promise<RunResult> {
    try {
      await this.start(run);
      const result = await this.migrate();
      await this.commit();
      return result;
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /**
   * Takes the deploy lock, opens the run's transaction (mode `all`) and plans from the heads
   * read under the lock. Separate from `migrate` so that several databases are all locked
   * before any of them changes (multidb).
   */
  async start(run: RunOptions): Promise<void> {
    const { emitter, lock, mode } = this.options;
    await lock.acquire();
    this.locked = true;
    // Offline there is nothing to read: plan and load first, so a bad file leaves no half script.
    if (mode === 'all' && !emitter.isOffline) await this.begin();
    const { heads, interrupted } = emitter.isOffline
      ? { heads: run.startingHeads ?? [], interrupted: undefined }
      : await this.readHeads(run);
    const steps = run.plan(heads);
    for (const step of steps) this.checkRevisionIds(step);
    const modules = this.loadModules(steps);
    // `stamp` clears the journal once it is sure to run: a bad target leaves it as it was.
    if (interrupted) {
      await this.options.journal.clear();
      this.options.log(`Cleared the run journal of the interrupted ${interrupted.step} (revision ${interrupted.revision})`);
    }
    if (mode === 'all' && emitter.isOffline) await this.begin();
    this.started = { from: heads, steps, modules, maintainer: new HeadMaintainer(heads) };
  }

  /**
   * The version table's heads, under the lock; `purge` empties it first. Creates it when empty.
   * A journal left by an interrupted run stops the command here, before anything changes,
   * unless the run is to clear it (`stamp`): then it is answered, for `start` to clear.
   */
  private async readHeads(run: RunOptions): Promise<{ heads: readonly string[]; interrupted?: InterruptedRun }> {
    const { versionTable, journal } = this.options;
    const recorded = await versionTable.currentHeads();
    const interrupted = interruptedRunOf(await journal.read(), recorded, false);
    if (interrupted && !run.clearJournal) throw new InterruptedRunError(interrupted);
    if (run.purge) {
      await versionTable.ensure();
      await versionTable.purge();
      return { heads: [], interrupted };
    }
    if (recorded.length === 0) await versionTable.ensure();
    return { heads: recorded, interrupted };
  }

  /**
   * What an interrupted run left in the journal, for `current` and the commands that only read:
   * undefined when the journal is empty. `inProgress` when a deployment holds the lock, i.e. the
   * journal is a live run's.
   */
  async interruptedRun(): Promise<InterruptedRun | undefined> {
    const { journal, versionTable, lock } = this.options;
    const entries = await journal.read();
    if (entries.length === 0) return undefined;
    return interruptedRunOf(entries, await versionTable.currentHeads(), await lock.isTaken());
  }

  /** Every revision id a step would write must fit the version table's column, checked before anything runs. */
  private checkRevisionIds(step: MigrationStep): void {
    const { versionTable } = this.options;
    if (step.kind === 'stamp') {
      for (const id of [...step.from, ...step.to]) checkRevisionIdFits(id, undefined, versionTable.columnWidth);
      return;
    }
    const script = step.revision as Script;
    checkRevisionIdFits(script.revision, script.path, versionTable.columnWidth);
  }

  /**
   * Every revision module the steps run, loaded before the first step: a file that cannot load,
   * or lacks a function, stops the run before anything changed (on MySQL too, where DDL commits).
   */
  private loadModules(steps: readonly MigrationStep[]): Map<string, RevisionModule> {
    const modules = new Map<string, RevisionModule>();
    for (const step of steps) {
      if (step.kind !== 'revision') continue;
      const { path } = step.revision as Script;
      if (!modules.has(path)) modules.set(path, this.loadModule(path));
    }
    return modules;
  }

  /** The heads `start` found in the version table (or was given, offline). */
  get startingHeads(): readonly string[] {
    return this.started?.from ?? [];
  }

  get mode(): TransactionMode {
    return this.options.mode;
  }

  /** Runs the planned steps; the run's transaction, if any, stays open for `commit`. */
  async migrate(): Promise<RunResult> {
    if (!this.started) throw new MigrationError('MigrationContext.migrate() called before start()');
    const { from, steps, maintainer } = this.started;
    for (const step of steps) {
      const startedAt = performance.now();
      try {
        await this.runStep(step, maintainer, this.started.modules, startedAt);
      } catch (error) {
        this.progress?.ended(undefined);
        throw error;
      }
      this.progress?.ended(performance.now() - startedAt);
    }
    if (this.options.emitter.isOffline && maintainer.heads.size === 0) await this.options.versionTable.drop();
    return { from: [...from], steps, heads: [...maintainer.heads] };
  }

  /**
   * First phase of a two-phase commit (PostgreSQL's PREPARE TRANSACTION): after it, the run's
   * changes survive a crash and wait for `commit` or `abort`, on any connection.
   */
  async prepare(transactionId: string): Promise<void> {
    if (!this.inTransaction) return;
    await this.options.emitter.execute(`PREPARE TRANSACTION '${transactionId}'`);
    this.inTransaction = false;
    this.preparedId = transactionId;
  }

  /** Commits the run's transaction (or the prepared one) and releases the lock. */
  async commit(): Promise<void> {
    if (this.preparedId !== undefined) {
      await this.options.emitter.execute(`COMMIT PREPARED '${this.preparedId}'`);
      this.preparedId = undefined;
    } else if (this.options.mode === 'all' && this.inTransaction) {
      await this.commitTransaction();
    }
    await this.releaseLock();
  }

  /** Rolls back whatever is still open and releases the lock; never throws, so the first error stays the one reported. */
  async abort(): Promise<void> {
    try {
      if (this.preparedId !== undefined && !this.options.emitter.isOffline) {
        const id = this.preparedId;
        this.preparedId = undefined;
        await this.options.emitter.execute(`ROLLBACK PREPARED '${id}'`);
      }
    } catch {
      // The connection may be gone with the error being reported; that error is the one to show.
    }
    await this.rollbackQuietly();
    try {
      await this.releaseLock();
    } catch {
      // As above: a lock on a lost connection is gone with it.
    }
  }

  private async releaseLock(): Promise<void> {
    if (!this.locked) return;
    this.locked = false;
    await this.options.lock.release();
  }

  /** Online only: a script's steps take no time worth showing. */
  private get progress(): StepProgress | undefined {
    return this.options.emitter.isOffline ? undefined : this.options.progress;
  }

  private async runStep(
    step: MigrationStep,
    maintainer: HeadMaintainer,
    modules: Map<string, RevisionModule>,
    startedAt: number,
  ): Promise<void> {
    const { emitter, versionTable, journal, mode } = this.options;
    const script = step.kind === 'revision' ? (step.revision as Script) : undefined;
    const module = script ? modules.get(script.path) : undefined;
    const transactional = script === undefined || (script.transactional && module?.transactional !== false);
    // A revision whose statements the database cannot roll back records each one in the run
    // journal before it runs: MySQL commits DDL at once, and outside a transaction nothing rolls back.
    const journaled = script !== undefined && (dialectFor(emitter.dialect).ddlCommitsImplicitly || !transactional || mode === 'none');
    if (journaled) await this.ensureJournal();
    await this.ensureLog();
    const suspended = !transactional && this.inTransaction;
    if (suspended) await this.commitTransaction();
    const ownTransaction = transactional && mode === 'per-migration';
    if (ownTransaction) await this.begin();

    // Alembic writes the version table's CREATE into a script wherever it starts from base.
    if (emitter.isOffline && maintainer.heads.size === 0) await versionTable.ensure();
    const progress = this.progress;
    if (progress) progress.started(`Running ${describeStep(step)}`);
    else this.options.log(`Running ${describeStep(step)}`);
    emitter.comment(`Running ${shortLog(step)}`);
    const headsBefore = [...maintainer.heads];
    const changes = maintainer.updateToStep(step);
    if (script && module) {
      const stepJournal = journaled ? journal.forStep(script.revision, shortLog(step), [...maintainer.heads]) : undefined;
      await this.runRevision(step, script, module, headsBefore, stepJournal);
    }
    if (journaled) {
      // The version row and the journal's end are one transaction: after a crash the database
      // has one of the two, never both and never neither. On MySQL, DDL has ended the step's
      // transaction already; without DDL, this commits its statements first.
      if (this.inTransaction) await this.commitTransaction();
      await this.begin();
      await versionTable.apply(changes, [...this.logRows(step, script, startedAt), journal.clearStatement]);
      await this.commitTransaction();
      if (mode === 'all') await this.begin();
      return;
    }
    await versionTable.apply(changes, this.logRows(step, script, startedAt));
    // Steps of the run's one transaction, which a later failure rolls back with it.
    if (this.inTransaction && !ownTransaction) this.uncommitted.push({ step: shortLog(step), headsBefore });
    if (ownTransaction) {
      try {
        await this.commitTransaction();
      } catch (error) {
        // SQLite's foreign-key check before COMMIT: this revision broke them.
        throw script && error instanceof ForeignKeyViolationError
          ? await this.revisionFailed(script, step.isUpgrade, headsBefore, error, undefined)
          : error;
      }
    }
    if (suspended) await this.begin();
  }

  /**
   * Runs the revision's function, then waits for every op call it made: a call it did not
   * await, or one that failed, fails the revision as surely as an error it threw.
   */
  private async runRevision(
    step: MigrationStep,
    script: Script,
    module: RevisionModule,
    headsBefore: string[],
    journal?: StepJournal,
  ): Promise<void> {
    const { ops, database } = this.options;
    const functionName = `${step.isUpgrade ? 'upgrade' : 'downgrade'}${database === undefined ? '' : `_${database}`}`;
    ops.startRevision({ path: script.path, functionName }, journal);
    let outcome: { failed: boolean; error?: unknown };
    try {
      // Resolved inside the try: a provider the app lacks fails this revision like its own error.
      const services = (module.inject ?? []).map((token) => ops.get(token));
      await (step.isUpgrade ? module.upgrade(ops, ...services) : module.downgrade(ops, ...services));
      outcome = { failed: false };
    } catch (error) {
      outcome = { failed: true, error };
    }
    const failure = await ops.finishRevision(outcome);
    if (failure) throw await this.revisionFailed(script, step.isUpgrade, headsBefore, failure.error, journal);
  }

  /**
   * The one-line report of a failed revision. Where its statements cannot be rolled back (a
   * journaled step), what can be is rolled back first, and the journal says exactly which
   * statements stay applied; the journal then stays, so that the next command stops too until
   * the user has repaired the database and run `stamp`.
   */
  private async revisionFailed(
    script: Script,
    isUpgrade: boolean,
    headsBefore: string[],
    error: unknown,
    journal: StepJournal | undefined,
  ): Promise<RevisionFailedError> {
    const reason = messageOf(error);
    let message = `revision ${script.revision} (${script.path}) failed in ${isUpgrade ? 'upgrade' : 'downgrade'}: ${reason}`;
    const recorded = headsBefore.length > 0 ? headsBefore.join(', ') : 'no revision';
    if (journal && !this.options.emitter.isOffline) {
      await this.rollbackQuietly();
      let ran: string[];
      try {
        ran = await journal.settleFailure();
      } catch {
        // The connection may be gone with the error being reported: say what the revision ran.
        ran = this.options.ops.statements;
      }
      if (ran.length > 0) {
        message +=
          `; these statements had already run and stay applied: ${ran.map((s, i) => `(${i + 1}) ${s}`).join(' ')}` +
          `; the version table still records ${recorded}` +
          `: finish the revision by hand and run 'stamp ${stampArguments(journal.headsAfter)}', or undo them, ` +
          `run 'stamp ${stampArguments(headsBefore)}' and run the command again`;
      }
    } else if (this.uncommitted.length > 0 && this.inTransaction && this.options.database === undefined) {
      // (Several databases: their report says what every version table records instead.)
      const first = this.uncommitted[0].headsBefore;
      message +=
        `; the run's earlier steps were rolled back with it (${this.uncommitted.map((u) => u.step).join(', ')})` +
        `: the version table still records ${first.length > 0 ? first.join(', ') : 'no revision'}`;
    }
    return new RevisionFailedError(script.revision, script.path, oneLine(message), error);
  }

  /**
   * The INSERTs of the step's rows in the applied log, sent with its version rows and in their
   * transaction. A revision's row carries its file's checksum; `stamp` runs no file, so its rows
   * (one per revision stamped to; none for a stamp to base) claim none. Offline nobody times the step.
   */
  private logRows(step: MigrationStep, script: Script | undefined, startedAt: number): string[] {
    const { appliedLog, emitter, toolVersion } = this.options;
    const durationMs = emitter.isOffline ? null : Math.round(performance.now() - startedAt);
    const common = { step: shortLog(step), durationMs, toolVersion };
    if (script) {
      const direction = step.isUpgrade ? 'upgrade' : 'downgrade';
      return [
        appliedLog.insertStatement({ ...common, revision: script.revision, direction, checksum: this.options.checksumOf(script.path) }),
      ];
    }
    return step.toRevisionsNoDeps.map((revision) =>
      appliedLog.insertStatement({ ...common, revision, direction: 'stamp', checksum: null }),
    );
  }

  /** Creates the applied log's table before the first step, outside the step's own transaction (MySQL commits DDL). */
  private async ensureLog(): Promise<void> {
    if (this.logReady) return;
    await this.options.appliedLog.ensure();
    this.logReady = true;
  }

  /** Creates the journal's table before the first step that needs it (`IF NOT EXISTS`, also in a script). */
  private async ensureJournal(): Promise<void> {
    if (this.journalReady) return;
    await this.options.journal.ensure();
    this.journalReady = true;
  }

  private async begin(): Promise<void> {
    const { emitter, lockTimeoutMs, log } = this.options;
    // SQLite: foreign keys off for the transaction, so that a batch recreate in it keeps the rows that reference its table.
    await this.options.ops.foreignKeys.turnOff('The migration transaction');
    await dialectFor(emitter.dialect).begin(emitter, lockTimeoutMs, (line) => {
      if (!this.waitAnnounced) log(line);
      this.waitAnnounced = true;
    });
    this.inTransaction = true;
    await this.options.ops.foreignKeys.recordBaseline();
  }

  private async commitTransaction(): Promise<void> {
    const { emitter, ops } = this.options;
    await ops.foreignKeys.check('the migration transaction');
    await emitter.execute('COMMIT');
    this.inTransaction = false;
    this.uncommitted = [];
    await ops.foreignKeys.restore();
  }

  private async rollbackQuietly(): Promise<void> {
    if (!this.inTransaction || this.options.emitter.isOffline) return;
    this.inTransaction = false;
    try {
      await this.options.emitter.execute('ROLLBACK');
      await this.options.ops.foreignKeys.restore();
    } catch {
      // The connection may be gone with the error being reported; that error is the one to show.
    }
  }
}
