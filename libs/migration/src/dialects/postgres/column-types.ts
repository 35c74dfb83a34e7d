import { ColumnTypes, named, STANDARD_COLUMN_TYPES } from '../../operations/column-types';

/** The portable types as PostgreSQL spells them: the standard's, binary as BYTEA. */
export const POSTGRES_COLUMN_TYPES: ColumnTypes = {
  ...STANDARD_COLUMN_TYPES,
  blob: named('BYTEA'),
};
