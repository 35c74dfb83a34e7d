import { dialectFor } from '../dialects/registry';
import { renderLiteral } from './sql-emitter';
import { ToolTable } from './tool-table';

/** What a log row says was done to its revision. */
export type AppliedDirection = 'upgrade' | 'downgrade' | 'stamp';

/** One row of the applied log. */
export interface AppliedLogEntry {
  id: number;
  revision: string;
  direction: AppliedDirection;
  /** The step as the run log names it: `upgrade a1a1 -> b2b2`. */
  step: string;
  /** When the row was written, by the database's clock: ISO 8601 UTC to the second. */
  appliedAt: string;
  /** How long the revision took; null where nobody timed it (a `--sql` script). */
  durationMs: number | null;
  /** The nest-migrate version that wrote the row. */
  toolVersion: string;
  /** sha256 of the revision file as it ran (see `revisionChecksum`); null for `stamp`, which runs no file. */
  checksum: string | null;
}

/** A row to write: the id and the time come from the database. */
export type NewAppliedLogEntry = Omit<AppliedLogEntry, 'id' | 'appliedAt'>;

/**
 * The applied log: beside the version table (which keeps Alembic's semantics, one row per
 * head), one row per revision applied, reverted or stamped, written in the transaction that
 * writes the step's version row, so a step that rolls back leaves no row. Like the run journal
 * it is created on first use with `IF NOT EXISTS` and every statement goes through the
 * SqlEmitter, so a `--sql` script keeps the same log when it runs.
 */
export class AppliedLog extends ToolTable {
  // The INSERT's text around the values, the same for every row: built once per run, not per step.
  private insertFrame?: { head: string; tail: string };

  /** Creates the table unless it exists. */
  async ensure(): Promise<void> {
    await this.create(
      [
        ['id', 'INTEGER NOT NULL'],
        ['revision', `VARCHAR(${this.options.columnWidth}) NOT NULL`],
        ['direction', 'VARCHAR(16) NOT NULL'],
        ['step', 'TEXT NOT NULL'],
        ['applied_at', 'VARCHAR(32) NOT NULL'],
        ['duration_ms', 'INTEGER'],
        ['tool_version', 'VARCHAR(32) NOT NULL'],
        ['checksum', 'VARCHAR(64)'],
      ],
      'id',
    );
  }

  /**
   * The INSERT of one row, for the step's batch (`VersionTable.apply`). The id is the next after
   * the table's largest, computed in the INSERT itself (portable, with no dialect's
   * auto-increment), and the time is the database's, so a `--sql` script records when it ran,
   * not when it was written.
   */
  insertStatement(entry: NewAppliedLogEntry): string {
    const d = this.emitter.dialect;
    const literal = (value: string | number | null) => renderLiteral(d, value);
    const values = [literal(entry.revision), literal(entry.direction), literal(entry.step), dialectFor(d).utcNowText];
    values.push(literal(entry.durationMs), literal(entry.toolVersion), literal(entry.checksum));
    this.insertFrame ??= {
      head: `INSERT INTO ${this.qualifiedName} (${COLUMNS.map((c) => this.q(c)).join(', ')}) SELECT COALESCE(MAX(${this.q('id')}), 0) + 1, `,
      tail: ` FROM ${this.qualifiedName}`,
    };
    return `${this.insertFrame.head}${values.join(', ')}${this.insertFrame.tail}`;
  }

  /** Every row, oldest first; none when the table does not exist (a database migrated before it). Online only. */
  async read(): Promise<AppliedLogEntry[]> {
    return (await this.rows(COLUMNS, 'id')).map((row) => ({
      id: Number(row.id),
      revision: String(row.revision),
      direction: String(row.direction) as AppliedDirection,
      step: String(row.step),
      appliedAt: String(row.applied_at),
      durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
      toolVersion: String(row.tool_version),
      checksum: row.checksum === null ? null : String(row.checksum),
    }));
  }
}

/**
 * Each revision's latest row: what was last done to it. A revision the version table holds
 * whose latest row is a `downgrade`, or that has none, was applied in a way the log did not see.
 */
export function latestEntries(entries: readonly AppliedLogEntry[]): Map<string, AppliedLogEntry> {
  const latest = new Map<string, AppliedLogEntry>();
  for (const entry of entries) {
    const seen = latest.get(entry.revision);
    if (!seen || seen.id < entry.id) latest.set(entry.revision, entry);
  }
  return latest;
}

const COLUMNS = ['id', 'revision', 'direction', 'step', 'applied_at', 'duration_ms', 'tool_version', 'checksum'];
