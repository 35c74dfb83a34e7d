import { messageOf, MigrationError } from '../errors';
import { oneLine } from '../one-line';
import { HeadMaintainer } from '../graph/head-maintainer';
import type { MigrationStep } from '../graph/steps';
import type { TransactionMode } from '../config/migration-config';
import type { Script } from '../script/script';
import type { DeployLock } from './lock';
import { Operations } from './operations';
import { ForeignKeyViolationError } from './sqlite-foreign-keys';
import { loadRevisionModule, RevisionModule } from './revision-loader';
import type { SqlEmitter } from './sql-emitter';
import { describeStep, shortLog } from './step-log';
import type { VersionTable } from './version-table';

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
  mode: TransactionMode;
  /** Told `Running upgrade a -> b, message` before each step. */
  log: (line: string) => void;
  loadModule?: (path: string) => RevisionModule;
  /** In a multi-database setup, the database this context migrates: revisions run its `upgrade_<name>`. */
  database?: string;
}

export interface RunOptions {
  /** The steps to take from the heads found in the version table (read again under the lock). */
  plan: (heads: readonly string[]) => MigrationStep[];
  /** Offline: the heads the script starts from (there is no table to read). */
  startingHeads?: readonly string[];
  /** `stamp --purge`: empty the version table first, whatever it holds. */
  purge?: boolean;
}

export interface RunResult {
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
  private locked = false;
  private started?: { from: readonly string[]; steps: MigrationStep[]; modules: Map<string, RevisionModule>; maintainer: HeadMaintainer };
  private preparedId?: string;

  constructor(private readonly options: MigrationContextOptions) {
    this.loadModule = options.loadModule ?? ((path) => loadRevisionModule(path, options.database));
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
    const heads = emitter.isOffline ? (run.startingHeads ?? []) : await this.readHeads(run.purge ?? false);
    const steps = run.plan(heads);
    const modules = this.loadModules(steps);
    if (mode === 'all' && emitter.isOffline) await this.begin();
    this.started = { from: heads, steps, modules, maintainer: new HeadMaintainer(heads) };
  }

  /** The version table's heads, under the lock; `purge` empties it first. Creates it when empty. */
  private async readHeads(purge: boolean): Promise<readonly string[]> {
    const { versionTable } = this.options;
    if (purge) {
      await versionTable.ensure();
      await versionTable.purge();
      return [];
    }
    const heads = await versionTable.currentHeads();
    if (heads.length === 0) await versionTable.ensure();
    return heads;
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
    const { steps, maintainer } = this.started;
    for (const step of steps) await this.runStep(step, maintainer, this.started.modules);
    if (this.options.emitter.isOffline && maintainer.heads.size === 0) await this.options.versionTable.drop();
    return { steps, heads: [...maintainer.heads] };
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

  private async runStep(step: MigrationStep, maintainer: HeadMaintainer, modules: Map<string, RevisionModule>): Promise<void> {
    const { emitter, versionTable, ops, mode } = this.options;
    const script = step.kind === 'revision' ? (step.revision as Script) : undefined;
    const module = script ? modules.get(script.path) : undefined;
    const transactional = script === undefined || (script.transactional && module?.transactional !== false);
    const suspended = !transactional && this.inTransaction;
    if (suspended) await this.commitTransaction();
    const ownTransaction = transactional && mode === 'per-migration';
    if (ownTransaction) await this.begin();

    // Alembic writes the version table's CREATE into a script wherever it starts from base.
    if (emitter.isOffline && maintainer.heads.size === 0) await versionTable.ensure();
    this.options.log(`Running ${describeStep(step)}`);
    emitter.comment(`Running ${shortLog(step)}`);
    if (script && module) {
      ops.startRevision();
      try {
        await (step.isUpgrade ? module.upgrade(ops) : module.downgrade(ops));
      } catch (error) {
        throw this.revisionFailed(script, step.isUpgrade, maintainer, error);
      }
    }
    for (const change of maintainer.updateToStep(step)) await versionTable.apply(change);

    if (ownTransaction) {
      try {
        await this.commitTransaction();
      } catch (error) {
        throw script && error instanceof ForeignKeyViolationError ? this.revisionFailed(script, step.isUpgrade, maintainer, error) : error;
      }
    }
    if (suspended) await this.begin();
  }

  private revisionFailed(script: Script, isUpgrade: boolean, maintainer: HeadMaintainer, error: unknown): RevisionFailedError {
    const reason = messageOf(error);
    let message = `revision ${script.revision} (${script.path}) failed in ${isUpgrade ? 'upgrade' : 'downgrade'}: ${reason}`;
    // Where the failed revision's statements cannot be rolled back, say exactly what stays applied.
    const rolledBack = this.inTransaction && this.options.emitter.dialect !== 'mysql';
    const ran = this.options.ops.statements;
    if (!rolledBack && ran.length > 0) {
      const heads = [...maintainer.heads];
      message +=
        `; these statements had already run and stay applied: ${ran.map((s, i) => `(${i + 1}) ${s}`).join(' ')}` +
        `; the version table still records ${heads.length > 0 ? heads.join(', ') : 'no revision'}` +
        `: undo them and run the command again, or finish the revision by hand and run 'stamp ${script.revision}'`;
    }
    return new RevisionFailedError(script.revision, script.path, oneLine(message), error);
  }

  private async begin(): Promise<void> {
    const { emitter } = this.options;
    // On SQLite, IMMEDIATE takes the write lock at once: it is the deploy lock there.
    const sql = emitter.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : emitter.dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN';
    // SQLite: foreign keys off for the transaction, so that a batch recreate in it keeps the rows that reference its table.
    await this.options.ops.foreignKeys.turnOff('The migration transaction');
    await emitter.execute(sql);
    this.inTransaction = true;
    await this.options.ops.foreignKeys.recordBaseline();
  }

  private async commitTransaction(): Promise<void> {
    const { emitter, ops } = this.options;
    await ops.foreignKeys.check('the migration transaction');
    await emitter.execute('COMMIT');
    this.inTransaction = false;
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
