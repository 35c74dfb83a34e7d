import { createHash } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { MigrationError } from '../errors';
import type { Dialect } from '../operations/migration-ops';

/**
 * Keeps concurrent deployments from migrating the same database at once. PostgreSQL and
 * MySQL/MariaDB take a session lock on a connection of its own; SQLite needs none here, because
 * the run's `BEGIN IMMEDIATE` transaction already excludes other writers (see MigrationContext).
 */
export interface DeployLock {
  acquire(): Promise<void>;
  release(): Promise<void>;
}

/** Waiting for another deployment's lock took longer than the configured timeout. */
export class LockTimeoutError extends MigrationError {
  constructor(
    readonly dialect: Dialect,
    readonly timeoutMs: number,
  ) {
    super(
      `Timed out after ${timeoutMs} ms waiting for the migration lock on ${dialect}; another deployment is migrating ` +
        'this database: wait for it to finish, or raise lockTimeoutMs',
    );
  }
}

/**
 * The lock for one version table of one database.
 * @param name identifies what is locked (the version table's qualified name); PostgreSQL's
 *   advisory locks are per database already, MySQL's lock names are prefixed with the database
 */
export function deployLock(
  dialect: Dialect,
  dataSource: DataSource,
  name: string,
  timeoutMs: number,
  onWait: (line: string) => void = () => undefined,
): DeployLock {
  switch (dialect) {
    case 'postgres':
      return new PostgresAdvisoryLock(dataSource, name, timeoutMs, onWait);
    case 'mysql':
      return new MysqlNamedLock(dataSource, name, timeoutMs, onWait);
    case 'sqlite':
      return { acquire: async () => undefined, release: async () => undefined };
  }
}

/**
 * A session lock held on a connection of its own, so that the migration's connection can
 * commit and roll back freely. Subclasses try the lock without waiting, wait for it (throwing
 * LockTimeoutError; the connection goes back to the pool) and say how to give it back. A
 * deployment that has to wait says so once, so a silent pause is not taken for a hang.
 */
abstract class DedicatedConnectionLock implements DeployLock {
  private runner?: QueryRunner;

  constructor(
    private readonly dataSource: DataSource,
    protected readonly name: string,
    protected readonly timeoutMs: number,
    private readonly onWait: (line: string) => void,
  ) {}

  async acquire(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (!(await this.tryLock(runner))) {
        this.onWait(
          `Waiting for the migration lock: another deployment is migrating this database (at most ${Math.ceil(this.timeoutMs / 1000)} s)`,
        );
        await this.lock(runner);
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    this.runner = runner;
  }

  async release(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    try {
      await this.unlock(runner);
    } finally {
      await runner.release();
    }
  }

  /** Takes the lock if it is free; false, without waiting, if another session holds it. */
  protected abstract tryLock(runner: QueryRunner): Promise<boolean>;
  protected abstract lock(runner: QueryRunner): Promise<void>;
  protected abstract unlock(runner: QueryRunner): Promise<void>;
}

class PostgresAdvisoryLock extends DedicatedConnectionLock {
  protected async tryLock(runner: QueryRunner): Promise<boolean> {
    const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.name])) as { locked: boolean }[];
    return locked;
  }

  protected async lock(runner: QueryRunner): Promise<void> {
    try {
      // lock_timeout bounds the wait of pg_advisory_lock like any other lock wait.
      await runner.query(`SET lock_timeout = ${Math.max(1, Math.round(this.timeoutMs))}`);
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [this.name]);
      await runner.query('RESET lock_timeout');
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') throw new LockTimeoutError('postgres', this.timeoutMs);
      throw error;
    }
  }

  protected async unlock(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]);
  }
}

class MysqlNamedLock extends DedicatedConnectionLock {
  private lockName = '';

  protected async tryLock(runner: QueryRunner): Promise<boolean> {
    // Lock names are server-wide, so the database is part of the name; GET_LOCK takes at
    // most 64 characters, so a digest keeps long names apart.
    const [{ db }] = (await runner.query('SELECT DATABASE() AS db')) as { db: string }[];
    this.lockName = `nest_migrate_${createHash('sha1').update(`${db}.${this.name}`).digest('hex')}`;
    const rows = (await runner.query('SELECT GET_LOCK(?, 0) AS acquired', [this.lockName])) as { acquired: unknown }[];
    return Number(rows[0]?.acquired) === 1;
  }

  protected async lock(runner: QueryRunner): Promise<void> {
    // GET_LOCK waits in whole seconds; the error reports the wait that really happened.
    const seconds = Math.max(1, Math.ceil(this.timeoutMs / 1000));
    const rows = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [this.lockName, seconds])) as { acquired: unknown }[];
    if (Number(rows[0]?.acquired) !== 1) throw new LockTimeoutError('mysql', seconds * 1000);
  }

  protected async unlock(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT RELEASE_LOCK(?)', [this.lockName]);
  }
}
