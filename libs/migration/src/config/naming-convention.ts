import type { NamingStrategyInterface } from 'typeorm';

/** The parts of a TypeORM naming strategy that name constraints and indexes. */
export type TypeormConstraintNaming = Pick<
  NamingStrategyInterface,
  'primaryKeyName' | 'uniqueConstraintName' | 'foreignKeyName' | 'indexName' | 'checkConstraintName'
>;

/**
 * SQLAlchemy's `naming_convention`: a template per kind of constraint or index, with tokens
 * `%(table_name)s`, `%(column_0_name)s`, `%(column_0_label)s` (table_column),
 * `%(column_0_N_name)s` (every column, joined by `_`), `%(column_0N_name)s` (joined by nothing),
 * `%(referred_table_name)s`, `%(referred_column_0_name)s` and `%(constraint_name)s` (the name
 * given explicitly).
 */
export interface NamingConvention {
  ix?: string;
  uq?: string;
  ck?: string;
  fk?: string;
  pk?: string;
  /**
   * Set by `namingConvention: 'typeorm'`: unnamed constraints and indexes are named by this
   * TypeORM naming strategy (`IDX_...`, `FK_...` ...) as `synchronize` names them, instead of by
   * the templates.
   */
  typeormStrategy?: TypeormConstraintNaming;
}

/** What `namingConvention` accepts: templates merged over the default, or TypeORM's own names. */
export type NamingConventionOption = NamingConvention | 'typeorm';
