import { ColumnTypes, named, STANDARD_COLUMN_TYPES } from '../../operations/column-types';

/** The portable types as SQLite is given them (it keeps the declared type's text). */
export const SQLITE_COLUMN_TYPES: ColumnTypes = {
  ...STANDARD_COLUMN_TYPES,
  'timestamp with time zone': named('TIMESTAMP'),
  json: named('TEXT'),
  uuid: named('CHAR(36)'),
  float: named('REAL'),
};
