import type { Dialect } from '../../operations/migration-ops';

// Database spellings that mean one of column-types.ts's portable names, per dialect. A spelling
// missing here is kept as the database gives it (lower case), so nothing is guessed.
const COMMON: Record<string, string> = {
  int: 'integer',
  integer: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  varchar: 'varchar',
  char: 'char',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  numeric: 'numeric',
  decimal: 'numeric',
  json: 'json',
  uuid: 'uuid',
  blob: 'blob',
};
const BY_DIALECT: Record<Dialect, Record<string, string>> = {
  postgres: {
    ...COMMON,
    'character varying': 'varchar',
    character: 'char',
    'timestamp without time zone': 'timestamp',
    'timestamp with time zone': 'timestamp with time zone',
    'time without time zone': 'time',
    'double precision': 'float',
    real: 'real',
    bytea: 'blob',
  },
  mysql: {
    ...COMMON,
    // DATETIME is what column-types.ts renders portable `timestamp` as. MySQL's own TIMESTAMP also
    // reads as `timestamp` (its lower-case spelling); a comparer must look at `rawType` to tell them apart.
    datetime: 'timestamp',
    time: 'time',
    double: 'float',
    float: 'real',
  },
  sqlite: {
    ...COMMON,
    timestamp: 'timestamp',
    datetime: 'timestamp',
    time: 'time',
    real: 'float',
    float: 'float',
    double: 'float',
    'double precision': 'float',
  },
};

// Portable names whose arguments are part of the type: a length, a precision and scale, or
// fractional seconds (`timestamp(6)`).
const WITH_ARGUMENTS = new Set(['varchar', 'char', 'numeric', 'timestamp', 'time']);

// PostgreSQL prints a time type's precision before the time zone: `timestamp(3) without time zone`.
const PRECISION_BEFORE_ZONE = /^(timestamp|time)\((\d+)\) (with|without) time zone$/;

// Integer display widths (MariaDB's `int(11)`) say nothing about the values a column holds.
const DISPLAY_WIDTH = /^(int|integer|bigint|smallint|mediumint|tinyint)\(\d+\)/;

/**
 * The portable name for a type as `dialect`'s catalog spells it (`character varying(50)` ->
 * `varchar(50)`, `character varying[]` -> `varchar[]`, `timestamp(3) without time zone` ->
 * `timestamp(3)`, MariaDB `int(11)` -> `integer`, MySQL `tinyint(1)` -> `boolean`,
 * `datetime(6)` -> `timestamp(6)`, `float` -> `real`), or the type in lower case when it has no
 * portable name.
 */
export function normalizeType(dialect: Dialect, rawType: string): string {
  // A MySQL ENUM or SET keeps its labels as written: their case is data.
  const labelled = dialect === 'mysql' ? /^(enum|set)\s*(\(.*\))$/is.exec(rawType.trim()) : null;
  if (labelled) return `${labelled[1].toLowerCase()}${labelled[2]}`;
  let type = rawType.trim().toLowerCase().replace(/\s+/g, ' ');
  // A PostgreSQL array: its element type, normalised, and the brackets.
  const array = /^(.*?)((?:\[\])+)$/.exec(type);
  if (array && dialect === 'postgres') return normalizeType(dialect, array[1]) + array[2];
  const zoned = dialect === 'postgres' ? PRECISION_BEFORE_ZONE.exec(type) : null;
  if (zoned) {
    const [, base, precision, zone] = zoned;
    return zone === 'without' ? `${base}(${precision})` : `${base}(${precision}) with time zone`;
  }
  if (dialect === 'mysql') {
    // MySQL's BOOLEAN is TINYINT(1); other widths are small integers, not booleans.
    if (type === 'tinyint(1)') return 'boolean';
    type = type.replace(DISPLAY_WIDTH, '$1');
    // UNSIGNED (and ZEROFILL) qualify the number type before them: `int(10) unsigned` is an unsigned integer.
    const qualified = /^(.*?)((?: (?:unsigned|zerofill))+)$/.exec(type);
    if (qualified) return normalizeType(dialect, qualified[1]) + qualified[2];
  }
  const match = /^([a-z][a-z ]*?)\s*(?:\(\s*([^)]*?)\s*\))?$/.exec(type);
  if (!match) return type;
  const portable = BY_DIALECT[dialect][match[1]];
  if (portable === undefined) return type;
  if (match[2] === undefined) return portable;
  const args = match[2].split(',').map((a) => a.trim()).join(',');
  // Types that take no arguments in the portable set keep the database's spelling with them.
  return WITH_ARGUMENTS.has(portable) ? `${portable}(${args})` : type;
}
