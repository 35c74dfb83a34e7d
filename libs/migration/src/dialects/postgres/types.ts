import { COMMON_TYPE_NAMES, lowerType, portableTypeName } from '../type-names';

const NAMES: Readonly<Record<string, string>> = {
  ...COMMON_TYPE_NAMES,
  'character varying': 'varchar',
  character: 'char',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamp with time zone',
  'time without time zone': 'time',
  'double precision': 'float',
  real: 'real',
  bytea: 'blob',
};

// PostgreSQL prints a time type's precision before the time zone: `timestamp(3) without time zone`.
const PRECISION_BEFORE_ZONE = /^(timestamp|time)\((\d+)\) (with|without) time zone$/;

/** `character varying(50)` -> `varchar(50)`, `character varying[]` -> `varchar[]`, `timestamp(3) without time zone` -> `timestamp(3)`. */
export function normalizePostgresType(rawType: string): string {
  const type = lowerType(rawType);
  // An array: its element type, normalised, and the brackets.
  const array = /^(.*?)((?:\[\])+)$/.exec(type);
  if (array) return normalizePostgresType(array[1]) + array[2];
  const zoned = PRECISION_BEFORE_ZONE.exec(type);
  if (zoned) {
    const [, base, precision, zone] = zoned;
    return zone === 'without' ? `${base}(${precision})` : `${base}(${precision}) with time zone`;
  }
  return portableTypeName(type, NAMES);
}
