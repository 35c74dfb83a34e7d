import { renderPortableType } from '../operations/column-types';
import type { DdlImpl, RenderContext } from '../operations/ddl-impl';
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

/** The DDL implementation of `dialect`, rendering with `context`'s quoting, literals and naming convention. */
export function ddlImplFor(dialect: Dialect, context: RenderContext): DdlImpl {
  return DIALECTS[dialect].ddl(context);
}

/**
 * A column type for `dialect`: a portable name (`varchar(50)`, `numeric(10,2)`, `uuid` ...)
 * rendered as that dialect spells it; any other type is written as given.
 */
export function renderColumnType(dialect: Dialect, type: string): string {
  return renderPortableType(DIALECTS[dialect].columnTypes, type);
}
