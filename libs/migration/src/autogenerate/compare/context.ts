import type { Dialect } from '../../operations/migration-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import type { ColumnModel, TableModel } from '../../dialects/schema-model';

/** The kinds of object `includeName` and `includeObject` are asked about (Alembic's `type_`); `schema` only by `includeName`. */
export type CompareObjectType =
  'schema' | 'table' | 'column' | 'index' | 'unique_constraint' | 'foreign_key_constraint' | 'check_constraint';

/**
 * Where a name read from the database sits (Alembic's `parent_names`): nothing for a schema, the
 * schema for a table, and the table and its schema for what is in a table. `schemaName` is absent
 * for the default schema, where Alembic passes None.
 */
export interface CompareParentNames {
  readonly schemaName?: string;
  readonly tableName?: string;
}

/**
 * Decides whether a server default changed (Alembic's `compare_server_default` callable):
 * true or false decides, undefined falls back to the built-in comparison.
 */
export type ServerDefaultComparator = (
  databaseColumn: ColumnModel,
  metadataColumn: ColumnModel,
  databaseDefault: string | undefined,
  metadataDefault: string | undefined,
) => boolean | undefined;

/** Decides whether a type changed; true or false decides, undefined falls back to the built-in comparison. */
export type TypeComparator = (databaseColumn: ColumnModel, metadataColumn: ColumnModel) => boolean | undefined;

export interface CompareOptions {
  /** Compare column types (default true), or decide with a function. */
  readonly compareType?: boolean | TypeComparator;
  /** Compare server defaults (default true, as TypeORM does), or decide with a function. */
  readonly compareServerDefault?: boolean | ServerDefaultComparator;
  /**
   * PostgreSQL: compare every schema, not only the default one (Alembic's `include_schemas`);
   * tables are then matched by schema and name. Default false. Ignored on MySQL and SQLite.
   */
  readonly includeSchemas?: boolean;
  /**
   * Alembic's `include_name`: asked about every name read from the database before anything
   * else; false leaves the object out of the comparison. On PostgreSQL each schema is asked
   * about first (type `schema`, the default one by its name, where Alembic passes None); a schema
   * left out leaves out its tables on both sides.
   */
  readonly includeName?: (name: string, type: CompareObjectType, parent: CompareParentNames) => boolean;
  /**
   * Alembic's `include_object`: asked about every object from either side; `reflected` is true
   * for the database's, and `compareTo` is the same object on the other side, when there is one.
   */
  readonly includeObject?: (
    object: unknown,
    name: string | undefined,
    type: CompareObjectType,
    reflected: boolean,
    compareTo: unknown,
  ) => boolean;
}

/** A change that loses data or may fail on existing rows; listed beside the ops for the user to review. */
export interface DestructiveChange {
  readonly kind: 'drop-table' | 'drop-column' | 'narrow-type' | 'drop-enum-value';
  readonly table: string;
  readonly column?: string;
  /** The type before and after, for `narrow-type`; the dropped labels for `drop-enum-value`. */
  readonly from?: string;
  readonly to?: string;
  readonly message: string;
}

/**
 * A rename the entities' metadata proves, generated as a rename instead of a drop and an add:
 * the entity now names the table or column explicitly, and the database still has it under the
 * name TypeORM's naming strategy derives from the class or property (see renames.ts).
 */
export interface Rename {
  readonly kind: 'table' | 'column';
  /** The table, qualified by its schema outside the default one: the new name for a table rename. */
  readonly table: string;
  readonly from: string;
  readonly to: string;
  /** The op that renames. */
  readonly op: MigrateOperation;
  readonly message: string;
}

/** A column dropped and another added in the same table with a compatible type: maybe a rename. Never applied. */
export interface RenameHint {
  readonly table: string;
  /** The table's schema, when not the default one. */
  readonly schema?: string;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly message: string;
}

/** What comparing found, grouped by the phase that applies it (see compare-schemas.ts for the order). */
export interface Phases {
  enums: MigrateOperation[];
  renameTables: MigrateOperation[];
  dropForeignKeys: MigrateOperation[];
  dropIndexesAndConstraints: MigrateOperation[];
  createTables: MigrateOperation[];
  columns: MigrateOperation[];
  createIndexesAndConstraints: MigrateOperation[];
  createForeignKeys: MigrateOperation[];
  comments: MigrateOperation[];
  dropTables: MigrateOperation[];
}

/** Everything the concern files share while comparing. */
export interface CompareContext {
  readonly dialect: Dialect;
  readonly options: CompareOptions;
  readonly phases: Phases;
  readonly destructive: DestructiveChange[];
  readonly renames: Rename[];
  readonly renameHints: RenameHint[];
  readonly notes: string[];
  /**
   * Whether an object takes part, by includeName (database side) and includeObject.
   * @param table the table the object is in (absent for a table itself)
   * @param schema the schema of the table, or of the table the object is in; absent for the default one
   */
  include(
    object: unknown,
    name: string | undefined,
    type: Exclude<CompareObjectType, 'schema'>,
    reflected: boolean,
    compareTo: unknown,
    table?: string,
    schema?: string,
  ): boolean;
}

export function newContext(dialect: Dialect, options: CompareOptions): CompareContext {
  return {
    dialect,
    options,
    phases: {
      enums: [],
      renameTables: [],
      dropForeignKeys: [],
      dropIndexesAndConstraints: [],
      createTables: [],
      columns: [],
      createIndexesAndConstraints: [],
      createForeignKeys: [],
      comments: [],
      dropTables: [],
    },
    destructive: [],
    renames: [],
    renameHints: [],
    notes: [],
    include(object, name, type, reflected, compareTo, table, schema) {
      if (reflected && name !== undefined && options.includeName) {
        const parent: CompareParentNames = {
          ...(schema === undefined ? {} : { schemaName: schema }),
          ...(table === undefined ? {} : { tableName: table }),
        };
        if (!options.includeName(name, type, parent)) return false;
      }
      return options.includeObject ? options.includeObject(object, name, type, reflected, compareTo) : true;
    },
  };
}

/** The `schema` option for ops on a table, when it has one. */
export function schemaOf(table: TableModel): { schema?: string } {
  return table.schema === undefined ? {} : { schema: table.schema };
}

export const sameList = (a: readonly (string | null)[], b: readonly (string | null)[]): boolean =>
  a.length === b.length && a.every((x, i) => (x ?? '').toLowerCase() === (b[i] ?? '').toLowerCase());

/** Finds `name` among `items`, exactly or else ignoring case (MySQL and SQLite fold some names). */
export function findByName<T extends { readonly name?: string }>(items: readonly T[], name: string | undefined): T | undefined {
  if (name === undefined) return undefined;
  return items.find((c) => c.name === name) ?? items.find((c) => c.name?.toLowerCase() === name.toLowerCase());
}
