import type { Dialect } from '../operations/migration-ops';

/** What a foreign key does on delete or update, as every catalog spells it. */
export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

/** One column as the live database describes it. */
export interface ColumnModel {
  readonly name: string;
  /**
   * The type as a portable name where one exists (`integer`, `varchar(50)`, `numeric(10,2)`,
   * `timestamp`, `float` ...; see operations/column-types.ts), otherwise the database's own
   * spelling in lower case (`jsonb`, `integer[]`, `enum('a','b')`, or a PostgreSQL enum's name).
   */
  readonly type: string;
  /** The type exactly as the catalog spells it (PostgreSQL `format_type`, MySQL `COLUMN_TYPE`, SQLite's declared type). */
  readonly rawType: string;
  readonly nullable: boolean;
  /** The default as SQL text, as the catalog returns it (`'draft'::character varying`, `current_timestamp()`). */
  readonly serverDefault?: string;
  /** MySQL: the value every UPDATE sets (`ON UPDATE current_timestamp(6)`), as SQL text. */
  readonly onUpdate?: string;
  /**
   * PostgreSQL: an identity column or a `nextval(...)` default on an integer column (serial);
   * MySQL: `auto_increment`; SQLite: `AUTOINCREMENT` on the primary key.
   */
  readonly autoincrement: boolean;
  readonly comment?: string;
  /** PostgreSQL: the enum type's name when the column's type is an enum. */
  readonly enumName?: string;
  /**
   * Entities only: the name TypeORM's naming strategy gives this column's property when the
   * entity names the column otherwise (`@Column({ name })`), the evidence of a column rename.
   */
  readonly defaultName?: string;
}

/** A primary key; SQLite's and some others' may have no name. */
export interface PrimaryKeyModel {
  readonly name?: string;
  readonly columns: readonly string[];
}

export interface UniqueConstraintModel {
  /** Absent for an unnamed SQLite constraint. */
  readonly name?: string;
  readonly columns: readonly string[];
  /** Entities only: named by the naming convention, not by the entity. */
  readonly generatedName?: boolean;
}

export interface IndexModel {
  readonly name: string;
  /** Key columns in order; `null` where the key element is an expression (as SQLAlchemy reflects it). */
  readonly columns: readonly (string | null)[];
  /** Every key element as SQL text, in order; present only when some element is an expression. */
  readonly expressions?: readonly string[];
  readonly unique: boolean;
  /** A partial index's predicate (PostgreSQL, SQLite). */
  readonly where?: string;
  /** Entities only: named by the naming convention, not by the entity, so a TypeORM-made name may stand for it. */
  readonly generatedName?: boolean;
  /** Entities only: the name TypeORM gives it (`synchronize`'s), which may stand for it. */
  readonly typeormName?: string;
}

export interface ForeignKeyModel {
  /** Absent for an unnamed SQLite foreign key. */
  readonly name?: string;
  readonly columns: readonly string[];
  /**
   * The referred table's schema (PostgreSQL) or database (MySQL); absent when that is the default
   * one (`current_schema()`, `DATABASE()`), as an unqualified name in DDL refers there.
   */
  readonly referredSchema?: string;
  readonly referredTable: string;
  readonly referredColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  /** Entities only: named by the naming convention, not by the entity. */
  readonly generatedName?: boolean;
}

export interface CheckConstraintModel {
  /** Absent for an unnamed SQLite check. */
  readonly name?: string;
  /** The condition as SQL text without the `CHECK (...)` wrapper, as the database returns it. */
  readonly condition: string;
  /** Entities only: named by the naming convention, not by the entity, so a TypeORM-made or absent name may stand for it. */
  readonly generatedName?: boolean;
  /** Entities only: the name TypeORM gives it (`synchronize`'s), which may stand for it. */
  readonly typeormName?: string;
}

/**
 * One table. Constraint-backing indexes are not repeated in `indexes` (a primary key's or a
 * unique constraint's). MySQL cannot tell a unique constraint from a unique index, so there every
 * unique key is an index with `unique: true` and `uniqueConstraints` is empty.
 */
export interface TableModel {
  readonly name: string;
  /**
   * The PostgreSQL schema; absent for the default schema (`current_schema()`), as Alembic reflects
   * it as None, so ops on such a table stay unqualified.
   */
  readonly schema?: string;
  readonly comment?: string;
  /**
   * Entities only: the name TypeORM's naming strategy gives the entity class when the entity
   * names its table otherwise (`@Entity({ name })`), the evidence of a table rename.
   */
  readonly defaultName?: string;
  /** In declaration order. */
  readonly columns: readonly ColumnModel[];
  readonly primaryKey?: PrimaryKeyModel;
  /** Sorted by name (unnamed ones last, in declaration order). Likewise the lists below. */
  readonly uniqueConstraints: readonly UniqueConstraintModel[];
  readonly indexes: readonly IndexModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly checkConstraints: readonly CheckConstraintModel[];
}

/** The live schema, dialect-neutral: what autogenerate compares the entities against. */
export interface DatabaseSchema {
  readonly dialect: Dialect;
  /** Keyed by `qualifiedName(table.schema, table.name)`: the name alone in the default schema. */
  readonly tables: Map<string, TableModel>;
  /**
   * PostgreSQL enum types, keyed by `qualifiedName(schema, name)` as tables are, with their labels
   * in order; empty elsewhere.
   */
  readonly enums: Map<string, readonly string[]>;
  /** PostgreSQL, read from a database: `current_schema()`, the schema the absent `schema`s mean. */
  readonly defaultSchema?: string;
  /** PostgreSQL, read from a database: every schema read, tables or not, the default one included. */
  readonly schemas?: readonly string[];
}

/** `schema.name`, or `name` alone for the default schema (no schema): the key of tables and enum types. */
export function qualifiedName(schema: string | undefined, name: string): string {
  return schema === undefined ? name : `${schema}.${name}`;
}

/**
 * The schema and name of a `qualifiedName` key. A dot always separates the schema, as TypeORM
 * reads `schema.name` in table and enum names, so names with dots are not supported.
 */
export function splitQualifiedName(key: string): { schema?: string; name: string } {
  const dot = key.indexOf('.');
  return dot === -1 ? { name: key } : { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** Sorts named things by name, unnamed ones last in their original order. */
export function byName<T extends { readonly name?: string }>(items: T[]): T[] {
  return items
    .map((item, position) => ({ item, position }))
    .sort((a, b) => {
      const an = a.item.name;
      const bn = b.item.name;
      if (an === undefined || bn === undefined) return an === bn ? a.position - b.position : an === undefined ? 1 : -1;
      return an < bn ? -1 : an > bn ? 1 : 0;
    })
    .map(({ item }) => item);
}
