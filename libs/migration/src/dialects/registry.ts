import { renderPortableType } from '../operations/column-types';
import type { DdlImpl, RenderContext } from '../operations/ddl-impl';
import type { Dialect } from '../operations/migration-ops';
import type { DatabaseDialect } from './database-dialect';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Every database nest-migrate runs on, by dialect name: the one place a new one is registered.
 * Each is loaded on first use (about 40 small modules for the three): `upgrade --sql` and a
 * run on one database load only that database's.
 */
const LOADERS: Readonly<Record<Dialect, () => DatabaseDialect>> = {
  sqlite: () => (require('./sqlite') as typeof import('./sqlite')).sqlite,
  postgres: () => (require('./postgres') as typeof import('./postgres')).postgres,
  mysql: () => (require('./mysql') as typeof import('./mysql')).mysql,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const loaded = new Map<Dialect, DatabaseDialect>();

/** The dialect object of `name`. */
export function dialectFor(name: Dialect): DatabaseDialect {
  let dialect = loaded.get(name);
  if (dialect === undefined) {
    dialect = LOADERS[name]();
    loaded.set(name, dialect);
  }
  return dialect;
}

/** Every dialect, in registration order (loading those not loaded yet). */
export function allDialects(): DatabaseDialect[] {
  return (Object.keys(LOADERS) as Dialect[]).map(dialectFor);
}

/** The DDL implementation of `dialect`, rendering with `context`'s quoting, literals and naming convention. */
export function ddlImplFor(dialect: Dialect, context: RenderContext): DdlImpl {
  return dialectFor(dialect).ddl(context);
}

/**
 * A column type for `dialect`: a portable name (`varchar(50)`, `numeric(10,2)`, `uuid` ...)
 * rendered as that dialect spells it; any other type is written as given.
 */
export function renderColumnType(dialect: Dialect, type: string): string {
  return renderPortableType(dialectFor(dialect).columnTypes, type);
}
