import { COMMON_TYPE_NAMES, lowerType, portableTypeName } from '../type-names';

const NAMES: Readonly<Record<string, string>> = {
  ...COMMON_TYPE_NAMES,
  timestamp: 'timestamp',
  datetime: 'timestamp',
  time: 'time',
  real: 'float',
  float: 'float',
  double: 'float',
  'double precision': 'float',
};

/** A declared type as SQLite keeps it, by its portable name where it has one. */
export function normalizeSqliteType(rawType: string): string {
  return portableTypeName(lowerType(rawType), NAMES);
}
