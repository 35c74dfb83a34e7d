/** How a dialect writes one portable type, given its arguments (`50`, `10, 2`) if any. */
export type TypeRenderer = (args: string | undefined) => string;

/** The portable type names (SQLAlchemy's generic types, in our spelling) every dialect renders. */
export type PortableType =
  | 'integer'
  | 'bigint'
  | 'smallint'
  | 'varchar'
  | 'char'
  | 'text'
  | 'boolean'
  | 'timestamp'
  | 'timestamp with time zone'
  | 'date'
  | 'time'
  | 'numeric'
  | 'json'
  | 'uuid'
  | 'float'
  | 'real'
  | 'blob';

/** A dialect's spelling of every portable type. */
export type ColumnTypes = Readonly<Record<PortableType, TypeRenderer>>;

/** The name, with the arguments in parentheses when given. */
export const withArgs =
  (name: string): TypeRenderer =>
  (args) =>
    args === undefined ? name : `${name}(${args})`;
/** The name alone, whatever the arguments. */
export const named =
  (name: string): TypeRenderer =>
  () =>
    name;

/** Standard SQL's spellings, which a dialect's table starts from and overrides where it differs. */
export const STANDARD_COLUMN_TYPES: ColumnTypes = {
  integer: named('INTEGER'),
  bigint: named('BIGINT'),
  smallint: named('SMALLINT'),
  varchar: withArgs('VARCHAR'),
  char: withArgs('CHAR'),
  text: named('TEXT'),
  boolean: named('BOOLEAN'),
  timestamp: withArgs('TIMESTAMP'),
  'timestamp with time zone': named('TIMESTAMP WITH TIME ZONE'),
  date: named('DATE'),
  time: withArgs('TIME'),
  numeric: withArgs('NUMERIC'),
  json: named('JSON'),
  uuid: named('UUID'),
  float: named('DOUBLE PRECISION'),
  real: named('REAL'),
  blob: named('BLOB'),
};

const ALIASES: Record<string, string> = {
  int: 'integer',
  bool: 'boolean',
  'character varying': 'varchar',
  timestamptz: 'timestamp with time zone',
  datetime: 'timestamp',
  decimal: 'numeric',
};

/**
 * A column type as `types` (a dialect's) spell it: a portable name (`varchar(50)`, `numeric(10,2)`,
 * `uuid` ...) rendered that way; any other type is written as given.
 */
export function renderPortableType(types: ColumnTypes, type: string): string {
  const match = /^\s*([a-z][a-z ]*?)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/i.exec(type);
  if (!match) return type;
  const base = match[1].toLowerCase().replace(/\s+/g, ' ');
  const key = ALIASES[base] ?? base;
  if (!Object.prototype.hasOwnProperty.call(types, key)) return type;
  const args = match[2]
    ?.split(',')
    .map((a) => a.trim())
    .join(', ');
  return types[key as PortableType](args);
}

/** True for the integer types an autoincrement column may have. */
export function isIntegerType(type: string): boolean {
  return /^\s*(integer|int|bigint|smallint)\s*$/i.test(type);
}
