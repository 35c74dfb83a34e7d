import type { Dialect } from './migration-ops';

type Renderer = (args: string | undefined) => string;

// Portable type names and their rendering per dialect (SQLAlchemy's generic types, in our spelling).
const same = (name: string): Renderer => (args) => (args === undefined ? name : `${name}(${args})`);
const fixed = (name: string): Renderer => () => name;
const TYPES: Record<string, Record<Dialect, Renderer>> = {
  integer: { postgres: fixed('INTEGER'), mysql: fixed('INTEGER'), sqlite: fixed('INTEGER') },
  bigint: { postgres: fixed('BIGINT'), mysql: fixed('BIGINT'), sqlite: fixed('BIGINT') },
  smallint: { postgres: fixed('SMALLINT'), mysql: fixed('SMALLINT'), sqlite: fixed('SMALLINT') },
  varchar: { postgres: same('VARCHAR'), mysql: same('VARCHAR'), sqlite: same('VARCHAR') },
  char: { postgres: same('CHAR'), mysql: same('CHAR'), sqlite: same('CHAR') },
  text: { postgres: fixed('TEXT'), mysql: fixed('TEXT'), sqlite: fixed('TEXT') },
  // MySQL's BOOLEAN is an alias of TINYINT(1).
  boolean: { postgres: fixed('BOOLEAN'), mysql: fixed('BOOLEAN'), sqlite: fixed('BOOLEAN') },
  // MySQL's TIMESTAMP has implicit defaults and a 2038 limit, so a portable timestamp is DATETIME there.
  // An argument is the fractional-seconds precision: `timestamp(6)` is DATETIME(6) on MySQL.
  timestamp: { postgres: same('TIMESTAMP'), mysql: same('DATETIME'), sqlite: same('TIMESTAMP') },
  'timestamp with time zone': { postgres: fixed('TIMESTAMP WITH TIME ZONE'), mysql: fixed('DATETIME'), sqlite: fixed('TIMESTAMP') },
  date: { postgres: fixed('DATE'), mysql: fixed('DATE'), sqlite: fixed('DATE') },
  time: { postgres: same('TIME'), mysql: same('TIME'), sqlite: same('TIME') },
  numeric: { postgres: same('NUMERIC'), mysql: same('NUMERIC'), sqlite: same('NUMERIC') },
  json: { postgres: fixed('JSON'), mysql: fixed('JSON'), sqlite: fixed('TEXT') },
  uuid: { postgres: fixed('UUID'), mysql: fixed('CHAR(36)'), sqlite: fixed('CHAR(36)') },
  // A double-precision float everywhere (MySQL's FLOAT is single precision).
  float: { postgres: fixed('DOUBLE PRECISION'), mysql: fixed('DOUBLE'), sqlite: fixed('REAL') },
  // Single precision: what TypeORM's `float` is on MySQL and `float4` on PostgreSQL.
  real: { postgres: fixed('REAL'), mysql: fixed('FLOAT'), sqlite: fixed('REAL') },
  blob: { postgres: fixed('BYTEA'), mysql: fixed('BLOB'), sqlite: fixed('BLOB') },
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
 * A column type for `dialect`: a portable name (`varchar(50)`, `numeric(10,2)`, `uuid` ...)
 * rendered as that dialect spells it; any other type is written as given.
 */
export function renderColumnType(dialect: Dialect, type: string): string {
  const match = /^\s*([a-z][a-z ]*?)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/i.exec(type);
  if (!match) return type;
  const base = match[1].toLowerCase().replace(/\s+/g, ' ');
  const renderers = TYPES[ALIASES[base] ?? base];
  if (!renderers) return type;
  const args = match[2]?.split(',').map((a) => a.trim()).join(', ');
  return renderers[dialect](args);
}

/** True for the integer types an autoincrement column may have. */
export function isIntegerType(type: string): boolean {
  return /^\s*(integer|int|bigint|smallint)\s*$/i.test(type);
}
