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

/** A lock held by the session of the connection that runs the migration (PostgreSQL's and MySQL's). */
export abstract class SessionLock implements DeployLock {
  /**
   * @param runner the connection the migration runs on; the lock lives and dies with its session
   * @param name what is locked (the version table's qualified name)
   * @param onWait said once when another deployment holds the lock and this one has to wait
   */
  constructor(
    protected readonly runner: QueryRunner,
    protected readonly name: string,
    protected readonly timeoutMs: number,
    protected readonly onWait: (line: string) => void,
  ) {}

  abstract acquire(): Promise<void>;
  abstract release(): Promise<void>;
  abstract isTaken(): Promise<boolean>;
}

/** A lock that is never taken: `--sql` scripts and SQLite, where the transaction is the lock. */
export const NO_LOCK: DeployLock = { acquire: async () => undefined, release: async () => undefined, isTaken: async () => false };
