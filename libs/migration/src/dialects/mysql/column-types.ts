import { ColumnTypes, named, STANDARD_COLUMN_TYPES, withArgs } from '../../operations/column-types';

/** The portable types as MySQL/MariaDB spell them (BOOLEAN is an alias of TINYINT(1) there). */
export const MYSQL_COLUMN_TYPES: ColumnTypes = {
  ...STANDARD_COLUMN_TYPES,
  // TIMESTAMP has implicit defaults and a 2038 limit, so a portable timestamp is DATETIME here.
  // An argument is the fractional-seconds precision: `timestamp(6)` is DATETIME(6).
  timestamp: withArgs('DATETIME'),
  'timestamp with time zone': named('DATETIME'),
  uuid: named('CHAR(36)'),
  // A double-precision float, as everywhere (FLOAT is single precision here).
  float: named('DOUBLE'),
  // Single precision: what TypeORM's `float` is here.
  real: named('FLOAT'),
};
