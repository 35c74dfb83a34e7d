import type { QueryRunner } from 'typeorm';

/** The SQL dialects nest-migrate runs revisions on. */
export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * What a revision's `upgrade(op)` / `downgrade(op)` receive: the contract revision files are
 * written against. Statements go to the database online, or into the script with `--sql`.
 */
export interface MigrationOps {
  /** Runs one SQL statement (or, offline, writes it to the script). */
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  /** The dialect the revision runs on, for the rare statement that must differ. */
  readonly dialect: Dialect;
  /** True under `--sql`: nothing can be read back from the database. */
  readonly isOffline: boolean;
  /** The TypeORM query runner of the migration's connection; undefined offline. */
  readonly queryRunner: QueryRunner | undefined;
  /** The value of `-x name=value` on the command line, if given. */
  getXArgument(name: string): string | undefined;
}
