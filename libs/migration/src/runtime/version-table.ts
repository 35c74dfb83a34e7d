import { MigrationError } from '../errors';
import type { VersionChange } from '../graph/head-maintainer';
import type { VersionTableOptions } from '../config/migration-config';
import { dialectFor } from '../dialects/registry';
import { DEFAULT_MAX_REVISION_ID_LENGTH } from '../script/revision-id';
import { quoteIdentifier, renderLiteral, SqlEmitter } from './sql-emitter';

export const DEFAULT_VERSION_TABLE = 'migration_version';
export const DEFAULT_VERSION_COLUMN_WIDTH = DEFAULT_MAX_REVISION_ID_LENGTH;
const COLUMN = 'version_num';

/**
 * An UPDATE or DELETE of the version table matched other than exactly one row: something
 * else changed the table since the heads were read (ARCHITECTURE.md, "The version table keeps Alembic's semantics").
 */
export class VersionTableChangedError extends MigrationError {
  constructor(
    readonly change: VersionChange,
    readonly table: string,
    readonly found: number | undefined,
  ) {
    const what = change.kind === 'update' ? `updating '${change.from}' to '${change.to}'` : `deleting '${versionOf(change)}'`;
    super(
      `Online migration expected to match one row when ${what} in '${table}'; ${found ?? 'an unknown number'} found. ` +
        "The version table was changed behind nest-migrate's back; check it with 'current' and repair it with 'stamp'.",
    );
  }
}

/** A revision id is longer than the version table's `version_num` column can hold. */
export class RevisionIdTooLongError extends MigrationError {
  constructor(
    readonly revision: string,
    readonly path: string | undefined,
    readonly columnWidth: number,
  ) {
    super(
      `Revision id '${revision}'${path === undefined ? '' : ` (${path})`} is ${revision.length} characters, but the version table's ` +
        `version_num column holds ${columnWidth}: give the revision a shorter id (and its children's downRevision), ` +
        'or widen the column and set versionTable.columnWidth to match',
    );
  }
}

/** Refuses a revision id the version table could not hold, before anything is written. */
export function checkRevisionIdFits(revision: string, path: string | undefined, columnWidth: number): void {
  if (revision.length > columnWidth) throw new RevisionIdTooLongError(revision, path, columnWidth);
}

/**
 * The table of current heads, one `version_num` row per head, as Alembic keeps it. Every
 * statement goes through the `SqlEmitter`, so the same calls run online or write `--sql`.
 */
export class VersionTable {
  readonly tableName: string;
  readonly schema: string | undefined;
  readonly columnWidth: number;
  readonly journalTableName: string;
  readonly logTableName: string;

  constructor(
    private readonly emitter: SqlEmitter,
    options: VersionTableOptions = {},
  ) {
    this.tableName = options.tableName ?? DEFAULT_VERSION_TABLE;
    this.columnWidth = options.columnWidth ?? DEFAULT_VERSION_COLUMN_WIDTH;
    this.journalTableName = options.journalTableName ?? `${this.tableName}_journal`;
    this.logTableName = options.logTableName ?? `${this.tableName}_log`;
    if (!Number.isInteger(this.columnWidth) || this.columnWidth < 1) {
      throw new MigrationError(`Version table column width must be a positive integer, not ${options.columnWidth}`);
    }
    if (options.schema !== undefined && !dialectFor(emitter.dialect).hasSchemas) {
      // MySQL's schemas are databases and SQLite's are attached files: point the connection there instead.
      throw new MigrationError(
        `A version table schema is only supported on postgres; on ${emitter.dialect}, connect to the database that should hold '${this.tableName}'`,
      );
    }
    this.schema = options.schema;
  }

  /** The table as messages name it: `schema.table` or `table`. */
  get displayName(): string {
    return this.schema === undefined ? this.tableName : `${this.schema}.${this.tableName}`;
  }

  /** Creates the table unless it exists (online, per the catalog); offline, always writes the CREATE TABLE. */
  async ensure(): Promise<void> {
    if (!this.emitter.isOffline && (await this.exists())) return;
    const d = this.emitter.dialect;
    await this.emitter.execute(
      `CREATE TABLE ${this.qualifiedName} (\n` +
        `    ${this.column} VARCHAR(${this.columnWidth}) NOT NULL,\n` +
        `    CONSTRAINT ${quoteIdentifier(d, `${this.tableName}_pkc`)} PRIMARY KEY (${this.column})\n` +
        ')',
    );
  }

  /**
   * The heads recorded in the table, in the order the database returns them to a plain SELECT,
   * as Alembic reads them: `downgrade -1` from several heads steps down from the first one, so
   * on the same database it picks the row Alembic would. None if the table does not exist yet.
   * Online only: offline there is nothing to read.
   */
  async currentHeads(): Promise<string[]> {
    if (this.emitter.isOffline) {
      throw new MigrationError("Cannot read the version table with --sql; give the starting revision as '<start>:<end>' instead");
    }
    if (!(await this.exists())) return [];
    const { rows } = await this.emitter.execute(`SELECT ${this.column} FROM ${this.qualifiedName}`);
    return rows.map((row) => String((row as Record<string, unknown>)[COLUMN]));
  }

  /**
   * Applies one step's row changes from `HeadMaintainer`, with `alongside` (the statements that
   * must commit with them: the applied log's rows, the run journal's end), all sent together
   * (`SqlEmitter.executeBatch`). Online, each UPDATE or DELETE must have changed exactly one row.
   */
  async apply(changes: readonly VersionChange[], alongside: readonly string[] = []): Promise<void> {
    const affected = await this.emitter.executeBatch([...changes.map((change) => this.statementOf(change)), ...alongside]);
    if (this.emitter.isOffline) return;
    changes.forEach((change, i) => {
      // An INSERT needs no count: the primary key already refuses a duplicate head.
      if (change.kind !== 'insert' && affected[i] !== 1) throw new VersionTableChangedError(change, this.displayName, affected[i]);
    });
  }

  private statementOf(change: VersionChange): string {
    const table = this.qualifiedName;
    const literal = (version: string): string => renderLiteral(this.emitter.dialect, version);
    switch (change.kind) {
      case 'insert':
        return `INSERT INTO ${table} (${this.column}) VALUES (${literal(change.version)})`;
      case 'update':
        return `UPDATE ${table} SET ${this.column} = ${literal(change.to)} WHERE ${this.column} = ${literal(change.from)}`;
      case 'delete':
        return `DELETE FROM ${table} WHERE ${this.column} = ${literal(change.version)}`;
    }
  }

  /** Drops the table: the end of an offline downgrade to base, as Alembic's script ends. */
  async drop(): Promise<void> {
    await this.emitter.execute(`DROP TABLE ${this.qualifiedName}`);
  }

  /** Deletes every row (`stamp --purge`). */
  async purge(): Promise<void> {
    await this.emitter.execute(`DELETE FROM ${this.qualifiedName}`);
  }

  private get column(): string {
    return quoteIdentifier(this.emitter.dialect, COLUMN);
  }

  private get qualifiedName(): string {
    const d = this.emitter.dialect;
    const table = quoteIdentifier(d, this.tableName);
    return this.schema === undefined ? table : `${quoteIdentifier(d, this.schema)}.${table}`;
  }

  private async exists(): Promise<boolean> {
    const { rows } = await this.emitter.execute(...dialectFor(this.emitter.dialect).tableExistsQuery(this.tableName, this.schema));
    return rows.length > 0;
  }
}

function versionOf(change: VersionChange): string {
  return change.kind === 'update' ? change.from : change.version;
}
