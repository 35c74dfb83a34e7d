import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityTypeRules } from '../dialects/entity-types';
import { dialectFor, renderColumnType } from '../dialects/registry';
import type { Dialect } from '../operations/migration-ops';
import { ColumnModel, qualifiedName } from '../dialects/schema-model';

// TypeORM type spellings (and the design:type constructors it infers) mapped to column-types.ts's
// portable names, where the name means the same on every dialect. A spelling missing here is kept
// as written, in lower case.
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
  float8: 'float',
  double: 'float',
  'double precision': 'float',
  float4: 'real',
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

// Types TypeORM gives a precision in parentheses (fractional seconds), when the column has one.
const FRACTIONAL_SECONDS = new Set(['timestamp', 'timestamp with time zone', 'time']);

/** A column of an entity, in the model introspection reads; `enumName` and labels for a PostgreSQL enum. */
export function columnModel(
  column: ColumnMetadata,
  table: string,
  schema: string | undefined,
  dialect: Dialect,
  enums: Map<string, readonly string[]>,
): ColumnModel {
  const { type, enumName } = portableType(column, table, dialect, schema);
  if (enumName !== undefined) enums.set(enumName, enumLabels(column));
  const generated = column.isGenerated ? column.generationStrategy : undefined;
  const autoincrement = generated === 'increment' || generated === 'rowid' || (generated as string | undefined) === 'identity';
  const { schema: rules, entityTypes } = dialectFor(dialect);
  let serverDefault = defaultSql(column.default, entityTypes);
  // TypeORM relies on the database for uuid keys where the database makes them (PostgreSQL).
  if (serverDefault === undefined && generated === 'uuid') serverDefault = entityTypes.uuidDefault;
  const onUpdate = rules.hasOnUpdate && typeof column.onUpdate === 'string' ? column.onUpdate : undefined;
  return {
    name: column.databaseName,
    type,
    rawType: renderColumnType(dialect, type),
    nullable: column.isNullable && !column.isPrimary,
    ...(serverDefault === undefined ? {} : { serverDefault }),
    ...(onUpdate === undefined ? {} : { onUpdate }),
    autoincrement,
    ...(column.comment ? { comment: column.comment } : {}),
    ...(enumName === undefined ? {} : { enumName }),
  };
}

/** An enum column's labels as strings, in order. */
export function enumLabels(column: ColumnMetadata): string[] {
  return (column.enum ?? []).map(String);
}

/** True for a column TypeORM stores as a list of allowed strings (`enum`, `simple-enum`). */
export function isEnumColumn(column: ColumnMetadata): boolean {
  return column.type === 'enum' || column.type === 'simple-enum';
}

/**
 * The portable type of a column as `synchronize` would create it on `dialect`. `enum` and
 * `simple-enum` are PostgreSQL enum types, named as TypeORM names them (`<table>_<column>_enum`)
 * in the table's schema, so qualified (`schema.name`) outside the default one; MySQL ENUMs; and
 * on SQLite varchar columns whose values a check constraint limits (see entity-schema.ts).
 */
function portableType(column: ColumnMetadata, table: string, dialect: Dialect, schema?: string): { type: string; enumName?: string } {
  const { entityTypes: rules, schema: schemaRules } = dialectFor(dialect);
  const declared = column.type;
  let base = typeof declared === 'string' ? declared.toLowerCase().trim() : (DESIGN_TYPES.get(declared) ?? 'varchar');
  if (column.isGenerated && column.generationStrategy === 'uuid') base = 'uuid';
  // SQLite allows AUTOINCREMENT only on INTEGER PRIMARY KEY, whatever type the entity names.
  if (rules.autoincrementType !== undefined && column.isGenerated && column.generationStrategy === 'increment')
    base = rules.autoincrementType;
  if (base === 'enum' || base === 'simple-enum') {
    const values = enumLabels(column);
    switch (schemaRules.enumStyle) {
      case 'type': {
        const enumName = qualifiedName(schema, column.enumName ?? `${table}_${column.databaseName.toLowerCase()}_enum`);
        return { type: column.isArray ? `${enumName}[]` : enumName, enumName };
      }
      case 'inline':
        return { type: `enum(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})` };
      case 'check':
        return { type: withArguments('varchar', column, rules) };
    }
  }
  if (base === 'json' && typeof declared !== 'string') base = rules.objectType;
  // TypeORM has no uuid type on MySQL and SQLite: there a uuid is a VARCHAR, of 36 for a
  // generated key on MySQL, else of a varchar's length (255 on MySQL).
  if (!rules.hasUuidType && base === 'uuid') {
    const length = column.length || (column.generationStrategy === 'uuid' ? rules.generatedUuidLength : '');
    return { type: withArguments('varchar', { length, precision: undefined, scale: undefined }, rules) };
  }
  const portable = rules.spellings[base] ?? PORTABLE[base] ?? base;
  let type = withArguments(portable, column, rules);
  if (rules.hasUnsigned && column.unsigned) type += ' unsigned';
  return { type: column.isArray && rules.hasArrays ? `${type}[]` : type };
}

function withArguments(type: string, column: Pick<ColumnMetadata, 'length' | 'precision' | 'scale'>, rules: EntityTypeRules): string {
  if (type === 'varchar' || type === 'char') {
    // MySQL cannot declare VARCHAR without a length; TypeORM gives it 255 there. CHAR alone is CHAR(1).
    const length = column.length || (type === 'char' ? rules.defaultCharLength : rules.defaultVarcharLength);
    return length ? `${type}(${length})` : type;
  }
  const precision = column.precision ?? undefined;
  if (type === 'numeric' && precision !== undefined) return `numeric(${precision},${column.scale ?? 0})`;
  if (FRACTIONAL_SECONDS.has(type) && precision !== undefined && rules.hasFractionalSeconds) {
    return type === 'timestamp with time zone' ? `timestamp(${precision}) with time zone` : `${type}(${precision})`;
  }
  return type;
}

/** An entity's `default` as SQL text: functions are raw SQL, other values literals. */
function defaultSql(value: unknown, rules: EntityTypeRules): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'function') return String((value as () => unknown)());
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return rules.booleanDefault(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}
