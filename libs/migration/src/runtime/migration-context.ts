import { MigrationError } from '../errors';
import { HeadMaintainer } from '../graph/head-maintainer';
import type { MigrationStep } from '../graph/steps';
import type { TransactionMode } from '../config/migration-config';
import type { Script } from '../script/script';
import type { DeployLock } from './lock';
import { Operations } from './operations';
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

  constructor(private readonly options: MigrationContextOptions) {
    this.loadModule = options.loadModule ?? loadRevisionModule;
  }

  async run(run: RunOptions): Promise<RunResult> {
    const { emitter, versionTable, lock } = this.options;
    await lock.acquire();
    try {
      if (this.options.mode === 'all') await this.begin();
      let heads: readonly string[];
      if (emitter.isOffline) {
        heads = run.startingHeads ?? [];
      } else if (run.purge) {
        await versionTable.ensure();
        await versionTable.purge();
        heads = [];
      } else {
        heads = await versionTable.currentHeads();
        if (heads.length === 0) await versionTable.ensure();
      }
      const steps = run.plan(heads);
      const maintainer = new HeadMaintainer(heads);
      for (const step of steps) await this.runStep(step, maintainer);
      if (emitter.isOffline && maintainer.heads.size === 0) await versionTable.drop();
      if (this.options.mode === 'all') await this.commit();
      return { steps, heads: [...maintainer.heads] };
    } catch (error) {
      await this.rollbackQuietly();
      throw error;
    } finally {
      await lock.release();
    }
  }

  private async runStep(step: MigrationStep, maintainer: HeadMaintainer): Promise<void> {
    const { emitter, versionTable, ops, mode } = this.options;
    const script = step.kind === 'revision' ? (step.revision as Script) : undefined;
    const module = script ? this.loadModule(script.path) : undefined;
    const transactional = script === undefined || (script.transactional && module?.transactional !== false);
    const suspended = !transactional && this.inTransaction;
    if (suspended) await this.commit();
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

    if (ownTransaction) await this.commit();
    if (suspended) await this.begin();
  }

  private revisionFailed(script: Script, isUpgrade: boolean, maintainer: HeadMaintainer, error: unknown): RevisionFailedError {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
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
    return new RevisionFailedError(script.revision, script.path, message, error);
  }

  private async begin(): Promise<void> {
    const { emitter } = this.options;
    // On SQLite, IMMEDIATE takes the write lock at once: it is the deploy lock there.
    const sql = emitter.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : emitter.dialect === 'mysql' ? 'START TRANSACTION' : 'BEGIN';
    await emitter.execute(sql);
    this.inTransaction = true;
  }

  private async commit(): Promise<void> {
    await this.options.emitter.execute('COMMIT');
    this.inTransaction = false;
  }

  private async rollbackQuietly(): Promise<void> {
    if (!this.inTransaction || this.options.emitter.isOffline) return;
    this.inTransaction = false;
    try {
      await this.options.emitter.execute('ROLLBACK');
    } catch {
      // The connection may be gone with the error being reported; that error is the one to show.
    }
  }
}
