import { COMMON_TYPE_NAMES, lowerType, portableTypeName } from '../type-names';

const NAMES: Readonly<Record<string, string>> = {
  ...COMMON_TYPE_NAMES,
  // DATETIME is what column-types.ts renders portable `timestamp` as. MySQL's own TIMESTAMP also
  // reads as `timestamp` (its lower-case spelling); a comparer must look at `rawType` to tell them apart.
  datetime: 'timestamp',
  time: 'time',
  double: 'float',
  float: 'real',
};

// Integer display widths (MariaDB's `int(11)`) say nothing about the values a column holds.
const DISPLAY_WIDTH = /^(int|integer|bigint|smallint|mediumint|tinyint)\(\d+\)/;

/** MariaDB `int(11)` -> `integer`, `tinyint(1)` -> `boolean`, `datetime(6)` -> `timestamp(6)`, `float` -> `real`. */
export function normalizeMysqlType(rawType: string): string {
  // An ENUM or SET keeps its labels as written: their case is data.
  const labelled = /^(enum|set)\s*(\(.*\))$/is.exec(rawType.trim());
  if (labelled) return `${labelled[1].toLowerCase()}${labelled[2]}`;
  let type = lowerType(rawType);
  // MySQL's BOOLEAN is TINYINT(1); other widths are small integers, not booleans.
  if (type === 'tinyint(1)') return 'boolean';
  type = type.replace(DISPLAY_WIDTH, '$1');
  // UNSIGNED (and ZEROFILL) qualify the number type before them: `int(10) unsigned` is an unsigned integer.
  const qualified = /^(.*?)((?: (?:unsigned|zerofill))+)$/.exec(type);
  if (qualified) return normalizeMysqlType(qualified[1]) + qualified[2];
  return portableTypeName(type, NAMES);
}

/** DECIMAL without arguments is DECIMAL(10,0); BOOLEAN is a TINYINT, which is what TypeORM creates for a boolean column. */
export function reportedMysqlType(normalized: string): string {
  if (normalized === 'numeric') return 'numeric(10,0)';
  return normalized === 'boolean' ? 'tinyint' : normalized;
}
