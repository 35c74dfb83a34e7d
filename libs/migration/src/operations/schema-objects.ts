/**
 * The plain-data descriptions of columns, constraints and indexes that operations take. They
 * are plain objects (no classes) so a revision file may build them with helpers from another
 * copy of this package and they still compare and render the same.
 */

/** SQL written as is: a server default such as `now()`, or an index expression. */
export interface SqlText {
  readonly sqlText: string;
}

/** A constraint or index name that is used exactly as written, never run through the naming convention. */
export interface FinalName {
  readonly finalName: string;
}

/** A name given to a create operation: a plain name (subject to the naming convention), a final one, or null for the convention's. */
export type ObjectName = string | FinalName | null | undefined;

/** A server default: a string or number is rendered as a literal, `sqlText(...)` as written. */
export type ServerDefault = string | number | boolean | SqlText;

/**
 * One column. `type` is a portable type name (`integer`, `bigint`, `varchar(50)`, `text`,
 * `boolean`, `timestamp`, `timestamp with time zone`, `date`, `numeric(10,2)`, `json`, `uuid`,
 * `float`) rendered per dialect; any other type is written as given.
 */
export interface Column {
  name: string;
  type: string;
  /** Default true, as in SQLAlchemy; a primary-key column is always NOT NULL. */
  nullable?: boolean;
  primaryKey?: boolean;
  /** An integer primary key filled by the database (IDENTITY, AUTO_INCREMENT, AUTOINCREMENT). */
  autoincrement?: boolean;
  serverDefault?: ServerDefault;
  /** Adds a unique constraint named by the naming convention's `uq`. */
  unique?: boolean;
  comment?: string;
  /** MySQL only: `ON UPDATE <SQL>`, the value every UPDATE of the row sets (`CURRENT_TIMESTAMP(6)`). */
  onUpdate?: string;
}

export interface PrimaryKeyConstraint {
  kind: 'primaryKey';
  columns: readonly string[];
  name?: ObjectName;
}

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeyConstraint {
  kind: 'foreignKey';
  columns: readonly string[];
  referredTable: string;
  referredColumns: readonly string[];
  name?: ObjectName;
  referredSchema?: string;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** `DEFERRABLE` (PostgreSQL, SQLite); MySQL has no deferrable constraints. */
  deferrable?: boolean;
  /** With `deferrable`: when the check happens by default. */
  initially?: 'DEFERRED' | 'IMMEDIATE';
}

export interface UniqueConstraint {
  kind: 'unique';
  columns: readonly string[];
  name?: ObjectName;
}

export interface CheckConstraint {
  kind: 'check';
  /** The condition, as SQL. */
  condition: string;
  name?: ObjectName;
}

export interface IndexDefinition {
  kind: 'index';
  /** Column names, or `sqlText(...)` expressions. */
  columns: readonly (string | SqlText)[];
  name?: ObjectName;
  unique?: boolean;
  /** PostgreSQL and SQLite partial index condition. */
  where?: string;
}

export type TableConstraint = PrimaryKeyConstraint | ForeignKeyConstraint | UniqueConstraint | CheckConstraint;

/** What `createTable` takes after the table name: columns, constraints and indexes, in order. */
export type TableElement = Column | TableConstraint | IndexDefinition;

/**
 * A whole table as batch mode works on it: what `batchAlterTable` reads from a live SQLite table,
 * or takes as `copyFrom` under `--sql`. Names are as `createTable` takes them: a plain or null
 * name goes through the naming convention, `f(name)` is used as written, and `f('')` keeps the
 * constraint or index unnamed (SQLite's own `sqlite_autoindex_*`).
 */
export interface TableDefinition {
  columns: readonly Column[];
  constraints?: readonly TableConstraint[];
  indexes?: readonly IndexDefinition[];
}

/** The kind of a constraint, as `dropConstraint` takes it (Alembic's `type_`). */
export type ConstraintType = 'primary' | 'foreignkey' | 'unique' | 'check';

/** Marks SQL to be written as is. */
export function sqlText(text: string): SqlText {
  return { sqlText: text };
}

/** Marks a name as final: used exactly as written, not run through the naming convention (Alembic's `op.f`). */
export function f(name: string): FinalName {
  return { finalName: name };
}

/** A primary key over `columns`, for `createTable`. */
export function primaryKey(columns: string | readonly string[], options: { name?: ObjectName } = {}): PrimaryKeyConstraint {
  return { kind: 'primaryKey', columns: list(columns), ...options };
}

/** A foreign key from `columns` to `referredTable(referredColumns)`, for `createTable`. */
export function foreignKey(
  columns: string | readonly string[],
  referredTable: string,
  referredColumns: string | readonly string[],
  options: Omit<ForeignKeyConstraint, 'kind' | 'columns' | 'referredTable' | 'referredColumns'> = {},
): ForeignKeyConstraint {
  return { kind: 'foreignKey', columns: list(columns), referredTable, referredColumns: list(referredColumns), ...options };
}

/** A unique constraint over `columns`, for `createTable`. */
export function unique(columns: string | readonly string[], options: { name?: ObjectName } = {}): UniqueConstraint {
  return { kind: 'unique', columns: list(columns), ...options };
}

/** A check constraint; name it (the default `ck` convention needs `%(constraint_name)s`). */
export function check(condition: string, options: { name?: ObjectName } = {}): CheckConstraint {
  return { kind: 'check', condition, ...options };
}

/** An index created with the table. */
export function index(
  columns: string | SqlText | readonly (string | SqlText)[],
  options: Omit<IndexDefinition, 'kind' | 'columns'> = {},
): IndexDefinition {
  return { kind: 'index', columns: Array.isArray(columns) ? [...columns] : [columns as string | SqlText], ...options };
}

export function isSqlText(value: unknown): value is SqlText {
  return typeof value === 'object' && value !== null && typeof (value as SqlText).sqlText === 'string';
}

export function isFinalName(value: unknown): value is FinalName {
  return typeof value === 'object' && value !== null && typeof (value as FinalName).finalName === 'string';
}

export function isColumn(element: TableElement): element is Column {
  return !('kind' in element);
}

function list(columns: string | readonly string[]): string[] {
  return typeof columns === 'string' ? [columns] : [...columns];
}
