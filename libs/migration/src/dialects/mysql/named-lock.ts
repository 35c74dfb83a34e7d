import { createHash } from 'node:crypto';
import { LockTimeoutError, SessionLock, waitingLine } from '../deploy-lock';

/** A `GET_LOCK` named lock held by the session. */
export class MysqlNamedLock extends SessionLock {
  private lockName?: string;

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
