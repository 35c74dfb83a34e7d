import { LockTimeoutError, SessionLock, waitingLine } from '../deploy-lock';

/** A session-level advisory lock on the hash of the locked name; advisory locks are per database already. */
export class PostgresAdvisoryLock extends SessionLock {
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
    const [{ locked }] = (await this.runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.name])) as {
      locked: boolean;
    }[];
    return locked;
  }
}
