import type { Dialect } from '../operations/migration-ops';
import type { DatabaseDialect } from './database-dialect';
import { mysql } from './mysql';
import { postgres } from './postgres';
import { sqlite } from './sqlite';

/** Every database nest-migrate runs on, by dialect name: the one place a new one is registered. */
export const DIALECTS: Readonly<Record<Dialect, DatabaseDialect>> = { sqlite, postgres, mysql };

/** The dialect object of `name`. */
export function dialectFor(name: Dialect): DatabaseDialect {
  return DIALECTS[name];
}
