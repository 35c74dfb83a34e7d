import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Dialect } from '../operations/migration-ops';
import { renderColumnType } from '../operations/column-types';
import { conventionalName, ConventionKind, DEFAULT_NAMING_CONVENTION, NamingConvention, NamingSubject } from '../operations/naming-convention';
import {
  byName,
  CheckConstraintModel,
  ColumnModel,
  DatabaseSchema,
  ForeignKeyModel,
  IndexModel,
  qualifiedName,
  ReferentialAction,
  TableModel,
  UniqueConstraintModel,
} from './introspect/schema-model';

export interface EntitySchemaOptions {
  /** Templates replacing the defaults, kind by kind (as `MigrationConfig.namingConvention`). */
  readonly namingConvention?: NamingConvention;
  /**
   * PostgreSQL: the database's `current_schema()`. An entity in this schema (named by `@Entity` or
   * by the DataSource's `schema` option) is then modelled without one, as the database side is.
   */
  readonly defaultSchema?: string;
}

// TypeORM type spellings (and the design:type constructors it infers) mapped to column-types.ts's
// portable names. A spelling missing here is kept as written, in lower case.
const PORTABLE: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  varchar: 'varchar',
  'character varying': 'varchar',
  nvarchar: 'varchar',
  char: 'char',
  character: 'char',
  text: 'text',
  boolean: 'boolean',
  bool: 'boolean',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  datetime: 'timestamp',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  date: 'date',
  time: 'time',
  'time without time zone': 'time',
  decimal: 'numeric',
  numeric: 'numeric',
  float: 'float',
  float8: 'float',
  double: 'float',
  'double precision': 'float',
  json: 'json',
  uuid: 'uuid',
  blob: 'blob',
  bytea: 'blob',
  // TypeORM serialises these itself and stores text.
  'simple-json': 'text',
  'simple-array': 'text',
};

// What TypeORM infers from a property's design type.
const DESIGN_TYPES = new Map<unknown, string>([
  [String, 'varchar'],
  [Number, 'integer'],
  [Boolean, 'boolean'],
  [Date, 'timestamp'],
  [Buffer, 'blob'],
  [Object, 'json'],
]);

/**
 * The schema the entities describe, in the same dialect-neutral model `introspect` reads from a
 * live database, so the two can be compared. Constraint and index names come from the naming
 * convention (as our migrations create them) unless the entity gives one explicitly; TypeORM's
 * hashed names (`PK_...`, `FK_...`, `IDX_...`) are never used, so generate -> upgrade -> generate
 * finds no differences.
 * @param dataSource a DataSource whose metadata is built: initialised, or its metadata built
 *   (`buildMetadatas()`, which this calls when no metadata is there yet)
 * @param dialect the dialect the migrations run on (types and defaults are spelt for it)
 */
export async function entitySchema(dataSource: DataSource, dialect: Dialect, options: EntitySchemaOptions = {}): Promise<DatabaseSchema> {
  if (!dataSource.isInitialized && dataSource.entityMetadatas.length === 0) {
    // buildMetadatas is protected in TypeORM 0.3; it only reads decorators and connects nothing.
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  }
  const convention = { ...DEFAULT_NAMING_CONVENTION, ...options.namingConvention };
  const schemaOf = (entity: EntityMetadata): string | undefined => (entity.schema === options.defaultSchema ? undefined : entity.schema || undefined);
  const tables = new Map<string, TableModel>();
  const enums = new Map<string, readonly string[]>();
  for (const entity of dataSource.entityMetadatas) {
    // Views have no table; single-table-inheritance children share their parent's table.
    if (entity.tableType === 'view' || entity.tableType === 'entity-child') continue;
    const key = qualifiedName(schemaOf(entity), entity.tableName);
    if (tables.has(key)) continue;
    tables.set(key, tableModel(entity, dialect, convention, enums, schemaOf));
  }
  return { dialect, tables, enums };
}

function tableModel(
  entity: EntityMetadata,
  dialect: Dialect,
  convention: NamingConvention,
  enums: Map<string, readonly string[]>,
  schemaOf: (entity: EntityMetadata) => string | undefined,
): TableModel {
  const table = entity.tableName;
  const schema = schemaOf(entity);
  const name = (kind: ConventionKind, given: string | undefined, subject: Omit<NamingSubject, 'tableName'>, fallback?: string) =>
    nameFor(convention, kind, given, { tableName: table, ...subject }, fallback);
  const columns = entity.columns.filter((c) => !c.isVirtualProperty).map((c) => columnModel(c, table, schema, dialect, enums));
  const keyColumns = entity.primaryColumns.map((c) => c.databaseName);
  const keyName = entity.primaryColumns.find((c) => c.primaryKeyConstraintName)?.primaryKeyConstraintName;

  const uniqueConstraints: UniqueConstraintModel[] = entity.uniques.map((u) => {
    const cols = u.columns.map((c) => c.databaseName);
    return { name: name('uq', u.givenName, { columns: cols }), columns: cols };
  });
  const indexes: IndexModel[] = entity.indices
    .filter((i) => i.synchronize !== false)
    .map((i) => {
      const cols = i.columns.map((c) => c.databaseName);
      return {
        name: name('ix', i.givenName, { columns: cols }) as string,
        columns: cols,
        unique: i.isUnique,
        ...(i.where ? { where: i.where } : {}),
      };
    });
  const foreignKeys: ForeignKeyModel[] = entity.foreignKeys.map((fk) => {
    const referred = fk.referencedEntityMetadata;
    const cols = fk.columnNames;
    const referredColumns = fk.referencedColumnNames;
    const referredSchema = schemaOf(referred);
    return {
      name: name('fk', fk.givenName ?? undefined, { columns: cols, referredTable: referred.tableName, referredColumns }),
      columns: cols,
      ...(referredSchema === undefined ? {} : { referredSchema }),
      referredTable: referred.tableName,
      referredColumns,
      onDelete: action(fk.onDelete),
      onUpdate: action(fk.onUpdate),
    };
  });
  // The default `ck` template needs %(constraint_name)s; an unnamed @Check then keeps TypeORM's own name.
  const checkConstraints: CheckConstraintModel[] = entity.checks.map((c) => ({
    name: name('ck', c.givenName, { columns: [] }, c.name),
    condition: c.expression,
  }));

  return {
    name: table,
    ...(schema === undefined ? {} : { schema }),
    ...(entity.comment ? { comment: entity.comment } : {}),
    columns,
    ...(keyColumns.length ? { primaryKey: { name: name('pk', keyName, { columns: keyColumns }), columns: keyColumns } } : {}),
    uniqueConstraints: byName(uniqueConstraints),
    indexes: byName(indexes),
    foreignKeys: byName(foreignKeys),
    checkConstraints: byName(checkConstraints),
  };
}

/** The convention's name; with a template that needs a given name and none given, the fallback. */
function nameFor(convention: NamingConvention, kind: ConventionKind, given: string | undefined, subject: NamingSubject, fallback?: string): string | undefined {
  if (given === undefined && fallback !== undefined && convention[kind]?.includes('%(constraint_name)s')) {
    return conventionalName(convention, kind, fallback, subject);
  }
  return conventionalName(convention, kind, given, subject) ?? given;
}

function action(value: string | undefined): ReferentialAction {
  return (value ?? 'NO ACTION').toUpperCase() as ReferentialAction;
}

function columnModel(column: ColumnMetadata, table: string, schema: string | undefined, dialect: Dialect, enums: Map<string, readonly string[]>): ColumnModel {
  const { type, enumName } = portableType(column, table, dialect, schema);
  if (enumName !== undefined) enums.set(enumName, (column.enum ?? []).map(String));
  const generated = column.isGenerated ? column.generationStrategy : undefined;
  const autoincrement = generated === 'increment' || generated === 'rowid' || (generated as string | undefined) === 'identity';
  let serverDefault = defaultSql(column.default, dialect);
  // TypeORM's MySQL date columns default to CURRENT_TIMESTAMP(6) on DATETIME(6); the portable
  // timestamp has no fractional seconds, and MySQL rejects a default more precise than its column.
  if (serverDefault !== undefined && dialect === 'mysql') serverDefault = serverDefault.replace(/^(current_timestamp|now)\(\d+\)$/i, 'CURRENT_TIMESTAMP');
  // TypeORM relies on the database for uuid keys on PostgreSQL; gen_random_uuid() needs no extension (PostgreSQL 13+).
  if (serverDefault === undefined && generated === 'uuid' && dialect === 'postgres') serverDefault = 'gen_random_uuid()';
  return {
    name: column.databaseName,
    type,
    rawType: renderColumnType(dialect, type),
    nullable: column.isNullable && !column.isPrimary,
    ...(serverDefault === undefined ? {} : { serverDefault }),
    autoincrement,
    ...(column.comment ? { comment: column.comment } : {}),
    ...(enumName === undefined ? {} : { enumName }),
  };
}

/**
 * The portable type of a column as dialect would create it. PostgreSQL enums are named types, in
 * the table's schema as TypeORM creates them, so qualified (`schema.name`) outside the default one.
 */
export function portableType(column: ColumnMetadata, table: string, dialect: Dialect, schema?: string): { type: string; enumName?: string } {
  const declared = column.type;
  let base = typeof declared === 'string' ? declared.toLowerCase().trim() : (DESIGN_TYPES.get(declared) ?? 'varchar');
  if (column.isGenerated && column.generationStrategy === 'uuid') base = 'uuid';
  if (base === 'enum' || base === 'simple-enum') {
    const values = (column.enum ?? []).map(String);
    if (dialect === 'postgres' && base === 'enum') {
      const enumName = qualifiedName(schema, (column.enumName ?? `${table}_${column.databaseName}_enum`).toLowerCase());
      return { type: column.isArray ? `${enumName}[]` : enumName, enumName };
    }
    if (dialect === 'mysql') return { type: `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})` };
    return { type: withLength('varchar', column, dialect) };
  }
  if (dialect === 'postgres' && base === 'json' && typeof declared !== 'string') base = 'jsonb';
  const portable = PORTABLE[base] ?? base;
  const type = withLength(portable, column, dialect);
  return { type: column.isArray && dialect === 'postgres' ? `${type}[]` : type };
}

function withLength(type: string, column: ColumnMetadata, dialect: Dialect): string {
  if (type === 'varchar' || type === 'char') {
    // MySQL cannot declare VARCHAR without a length; TypeORM gives it 255 there.
    const length = column.length || (dialect === 'mysql' && type === 'varchar' ? '255' : '');
    return length ? `${type}(${length})` : type;
  }
  if (type === 'numeric' && column.precision !== undefined && column.precision !== null) {
    return `numeric(${column.precision},${column.scale ?? 0})`;
  }
  return type;
}

/** An entity's `default` as SQL text: functions are raw SQL, other values literals. */
export function defaultSql(value: unknown, dialect: Dialect): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'function') return String((value as () => unknown)());
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return dialect === 'postgres' ? String(value) : value ? '1' : '0';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}
