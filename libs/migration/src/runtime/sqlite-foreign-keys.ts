import { dialectFor } from '../dialects/registry';
import { MigrationError, messageOf } from '../errors';
import type { SqlEmitter } from './sql-emitter';

/** Rows whose foreign key points to no row, per referencing and referenced table. */
export interface ForeignKeyViolation {
  table: string;
  parent: string;
  rows: number;
}

/** A change left rows whose foreign key points to no row; it is rolled back. */
export class ForeignKeyViolationError extends MigrationError {
  constructor(
    readonly violations: readonly ForeignKeyViolation[],
    what: string,
  ) {
    const listed = violations.map(
      (v) => (v.rows === 1 ? `1 row of ${v.table} points` : `${v.rows} rows of ${v.table} point`) + ` to no row of ${v.parent}`,
    );
    super(`${what} broke foreign keys, so it was rolled back: ${listed.join(', ')} (PRAGMA foreign_key_check lists them)`);
  }
}

// The violations found when the change began, by referencing and referenced table; the CHECK fails
// on any row added as new. Its name is the message the sqlite3 shell prints for a --sql script.
const CHECK_TABLE = 'temp.nest_migrate_fk_check';
const BROKEN = 'foreign keys broken: SELECT * FROM pragma_foreign_key_check lists the rows';
const CREATE_CHECK_TABLE = `CREATE TEMP TABLE nest_migrate_fk_check ("table" TEXT, "parent" TEXT, "rows" INTEGER, "new" INTEGER CONSTRAINT "${BROKEN}" CHECK ("new" = 0))`;
const RECORD_BASELINE = `INSERT INTO ${CHECK_TABLE} SELECT "table", "parent", count(*), 0 FROM pragma_foreign_key_check GROUP BY "table", "parent"`;
// Violations per pair of tables beyond those found at the start. Counted, not matched row by row:
// a recreate may renumber the rowids of a table without an INTEGER PRIMARY KEY, and renumbers its foreign keys.
const NEW_VIOLATIONS =
  `SELECT v."table", v."parent", count(*) - coalesce(b."rows", 0) AS "rows", 1 FROM pragma_foreign_key_check AS v ` +
  `LEFT JOIN ${CHECK_TABLE} AS b ON b."table" = v."table" AND b."parent" = v."parent" ` +
  `GROUP BY v."table", v."parent" HAVING count(*) > coalesce(b."rows", 0)`;

/**
 * SQLite's procedure for a schema change that other tables depend on
 * (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off around the change,
 * and `PRAGMA foreign_key_check` before it is committed. A batch recreate drops a table; with
 * foreign keys on, that first deletes its rows and fires the ON DELETE actions of every table
 * that references it.
 *
 * `PRAGMA foreign_keys` cannot change inside a transaction, and which revisions recreate a table
 * is known only once they run, so every migration transaction on SQLite runs with foreign keys
 * off: off before BEGIN, checked before COMMIT, back as they were after it. A recreate outside a
 * transaction (`transactionMode: 'none'`, `transactional = false`) turns them off around its own
 * savepoint only. The price: inside a migration transaction a violation fails at COMMIT rather
 * than at its statement, and ON DELETE / ON UPDATE actions do not fire for the revisions' own
 * statements, so a DELETE that relies on CASCADE leaves rows the check then reports. Alembic's
 * batch mode needs foreign keys off for the whole run too, and checks nothing.
 *
 * Only violations the change adds fail it: rows that were already broken do not block a
 * migration. The check is SQL, the same online and in a `--sql` script, where the sqlite3 shell
 * stops at the failing INSERT and the open transaction is never committed.
 */
export class SqliteForeignKeys {
  // Online, the setting to put back; offline a script turns them on, as TypeORM's connections have them.
  private previous = 1;
  private off = false;

  constructor(private readonly emitter: SqlEmitter) {}

  /** True while foreign keys are off for a change in progress (the run's transaction). */
  get areOff(): boolean {
    return this.off;
  }

  /**
   * Turns foreign keys off; called outside any transaction.
   * @param what the change, for the message when a transaction is already open
   */
  async turnOff(what: string): Promise<void> {
    if (!dialectFor(this.emitter.dialect).switchesForeignKeysOff) return;
    if (!this.emitter.isOffline) this.previous = await this.setting();
    await this.emitter.execute('PRAGMA foreign_keys = OFF');
    if (!this.emitter.isOffline && (await this.setting()) !== 0) {
      throw new MigrationError(
        `${what} needs sqlite's foreign keys off, which cannot change while a transaction is open on the connection; commit that transaction first`,
      );
    }
    this.off = true;
  }

  /** Records the violations already there; called first thing inside the change's transaction or savepoint. */
  async recordBaseline(): Promise<void> {
    if (!this.off) return;
    await this.emitter.execute(CREATE_CHECK_TABLE);
    await this.emitter.execute(RECORD_BASELINE);
  }

  /**
   * Fails when the change added violations; called last inside its transaction or savepoint.
   * @throws ForeignKeyViolationError naming each table and how many of its rows point nowhere
   */
  async check(what: string): Promise<void> {
    if (!this.off) return;
    try {
      await this.emitter.execute(`INSERT INTO ${CHECK_TABLE} ${NEW_VIOLATIONS}`);
    } catch (error) {
      // Only online does the INSERT run, and fail: read what it found, for a message that names it.
      if (!messageOf(error).includes(BROKEN)) throw error;
      const { rows } = await this.emitter.execute(NEW_VIOLATIONS);
      const violations = (rows as Record<string, unknown>[]).map((row) => ({
        table: String(row['table']),
        parent: String(row['parent']),
        rows: Number(row['rows']),
      }));
      throw new ForeignKeyViolationError(violations, what);
    }
    await this.emitter.execute(`DROP TABLE ${CHECK_TABLE}`);
  }

  /** Puts foreign keys back as they were; called once the change is committed or rolled back. */
  async restore(): Promise<void> {
    if (!this.off) return;
    this.off = false;
    await this.emitter.execute(`PRAGMA foreign_keys = ${this.previous === 0 ? 'OFF' : 'ON'}`);
  }

  private async setting(): Promise<number> {
    const [row] = (await this.emitter.execute('PRAGMA foreign_keys')).rows as Record<string, unknown>[];
    return Number(row?.['foreign_keys']);
  }
}
