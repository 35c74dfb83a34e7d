import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { MigrationError } from '../errors';
import type { Dialect } from '../operations/migration-ops';

/**
 * Keeps concurrent deployments from migrating the same database at once. PostgreSQL and
 * MySQL/MariaDB take a session lock on the connection that runs the migration: the server
 * keeps it for as long as that session lives, so when a deployment is killed while one of its
 * statements runs on (a long CREATE INDEX, a backfill), the lock stays taken until the server
 * has finished or ended that statement, and the next deployment waits instead of running into
 * it. SQLite needs none here: the run's `BEGIN IMMEDIATE` excludes other writers (`beginImmediate`).
 */
export interface DeployLock {
  acquire(): Promise<void>;
  release(): Promise<void>;
  /** Whether another session holds the lock right now, i.e. a deployment is running; never waits. */
  isTaken(): Promise<boolean>;
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

/** What a deployment that has to wait says, once, so that a silent pause is not taken for a hang. */
export function waitingLine(timeoutMs: number): string {
  return `Waiting for the migration lock: another deployment is migrating this database (at most ${Math.ceil(timeoutMs / 1000)} s)`;
}

/** A lock that is never taken: `--sql` scripts and SQLite, where the transaction is the lock. */
export const NO_LOCK: DeployLock = { acquire: async () => undefined, release: async () => undefined, isTaken: async () => false };

/**
 * The lock for one version table of one database.
 * @param runner the connection the migration runs on; the lock lives and dies with its session
 * @param name identifies what is locked (the version table's qualified name); PostgreSQL's
 *   advisory locks are per database already, MySQL's lock names are prefixed with the database
 */
export function deployLock(
  dialect: Dialect,
  runner: QueryRunner,
  name: string,
  timeoutMs: number,
  onWait: (line: string) => void = () => undefined,
): DeployLock {
  switch (dialect) {
    case 'postgres':
      return new PostgresAdvisoryLock(runner, name, timeoutMs, onWait);
    case 'mysql':
      return new MysqlNamedLock(runner, name, timeoutMs, onWait);
    case 'sqlite':
      return NO_LOCK;
  }
}

class PostgresAdvisoryLock implements DeployLock {
  constructor(
    private readonly runner: QueryRunner,
    private readonly name: string,
    private readonly timeoutMs: number,
    private readonly onWait: (line: string) => void,
  ) {}

  async acquire(): Promise<void> {
    if (await this.tryLock()) return;
    this.onWait(waitingLine(this.timeoutMs));
    // lock_timeout bounds the wait of pg_advisory_lock like any other lock wait; the session's
    // own setting is put back afterwards, since the revisions run on this session.
    const [{ previous }] = (await this.runner.query("SELECT current_setting('lock_timeout') AS previous")) as { previous: string }[];
    await this.runner.query("SELECT set_config('lock_timeout', $1, false)", [`${Math.max(1, Math.round(this.timeoutMs))}ms`]);
    try {
      await this.runner.query('SELECT pg_advisory_lock(hashtext($1))', [this.name]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') throw new LockTimeoutError('postgres', this.timeoutMs);
      throw error;
    } finally {
      await this.runner.query("SELECT set_config('lock_timeout', $1, false)", [previous]);
    }
  }

  async release(): Promise<void> {
    await this.runner.query('SELECT pg_advisory_unlock(hashtext($1))', [this.name]);
  }

  async isTaken(): Promise<boolean> {
    if (!(await this.tryLock())) return true;
    await this.release();
    return false;
  }

  private async tryLock(): Promise<boolean> {
    const [{ locked }] = (await this.runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.name])) as { locked: boolean }[];
    return locked;
  }
}

class MysqlNamedLock implements DeployLock {
  private lockName?: string;

  constructor(
    private readonly runner: QueryRunner,
    private readonly name: string,
    private readonly timeoutMs: number,
    private readonly onWait: (line: string) => void,
  ) {}

  async acquire(): Promise<void> {
    const lockName = await this.serverName();
    if (await this.getLock(lockName, 0)) return;
    this.onWait(waitingLine(this.timeoutMs));
    // GET_LOCK waits in whole seconds; the error reports the wait that really happened.
    const seconds = Math.max(1, Math.ceil(this.timeoutMs / 1000));
    if (!(await this.getLock(lockName, seconds))) throw new LockTimeoutError('mysql', seconds * 1000);
  }

  async release(): Promise<void> {
    await this.runner.query('SELECT RELEASE_LOCK(?)', [await this.serverName()]);
  }

  async isTaken(): Promise<boolean> {
    const rows = (await this.runner.query('SELECT IS_FREE_LOCK(?) AS free', [await this.serverName()])) as { free: unknown }[];
    return Number(rows[0]?.free) !== 1;
  }

  private async getLock(lockName: string, seconds: number): Promise<boolean> {
    const rows = (await this.runner.query('SELECT GET_LOCK(?, ?) AS acquired', [lockName, seconds])) as { acquired: unknown }[];
    return Number(rows[0]?.acquired) === 1;
  }

  /**
   * Lock names are server-wide, so the database is part of the name; GET_LOCK takes at most 64
   * characters, so a digest keeps long names apart.
   */
  private async serverName(): Promise<string> {
    if (this.lockName === undefined) {
      const [{ db }] = (await this.runner.query('SELECT DATABASE() AS db')) as { db: string }[];
      this.lockName = `nest_migrate_${createHash('sha1').update(`${db}.${this.name}`).digest('hex')}`;
    }
    return this.lockName;
  }
}

/**
 * SQLite's deploy lock: `BEGIN IMMEDIATE` takes the database's write lock at once. It is tried
 * without waiting first, so that a deployment that has to wait can say so, then with the busy
 * timeout set to `timeoutMs`; running out of it is a LockTimeoutError, as on the other dialects.
 * The connection's busy timeout is put back afterwards.
 */
export async function beginImmediate(
  execute: (sql: string) => Promise<{ rows: unknown[] }>,
  timeoutMs: number,
  onWait: (line: string) => void,
): Promise<void> {
  const { rows } = await execute('PRAGMA busy_timeout');
  const previous = Number((rows[0] as { timeout?: unknown } | undefined)?.timeout ?? timeoutMs);
  try {
    await execute('PRAGMA busy_timeout = 0');
    if (await taken(() => execute('BEGIN IMMEDIATE'))) {
      onWait(waitingLine(timeoutMs));
      await execute(`PRAGMA busy_timeout = ${Math.max(0, Math.round(timeoutMs))}`);
      if (await taken(() => execute('BEGIN IMMEDIATE'))) throw new LockTimeoutError('sqlite', timeoutMs);
    }
  } finally {
    await execute(`PRAGMA busy_timeout = ${previous}`);
  }
}

/** Runs `begin`; true if the database was locked by another connection. */
async function taken(begin: () => Promise<unknown>): Promise<boolean> {
  try {
    await begin();
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw error;
  }
}
