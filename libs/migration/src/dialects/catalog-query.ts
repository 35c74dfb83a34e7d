/** One row as a driver returns it. */
export type CatalogRow = Record<string, unknown>;

/** Runs one read-only catalog query. */
export type CatalogQuery = (sql: string, parameters?: readonly unknown[]) => Promise<CatalogRow[]>;

/** Which tables a reader keeps, and where it reads them from. */
export interface CatalogScope {
  /** PostgreSQL schema to read; the connection's `current_schema()` when absent. */
  readonly schema?: string;
  /** PostgreSQL: read every schema but the system ones instead (Alembic's `include_schemas`). */
  readonly includeSchemas?: boolean;
  /**
   * True for a table the model should include.
   * @param schema the table's schema as the catalog names it (PostgreSQL); undefined elsewhere
   * @param isDefaultSchema whether that schema is `current_schema()`; true where there are no schemas
   */
  readonly isIncluded: (tableName: string, schema: string | undefined, isDefaultSchema: boolean) => boolean;
}

/** Groups rows by a key, keeping each group in row order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** A text column that may be NULL or empty: `undefined` for both. */
export const optionalText = (value: unknown): string | undefined =>
  value === null || value === undefined || value === '' ? undefined : String(value);
