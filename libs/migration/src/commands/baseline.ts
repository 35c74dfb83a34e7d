import { compareSchemas } from '../autogenerate/compare/compare-schemas';
import { introspect } from '../autogenerate/introspect/introspect';
import type { DatabaseSchema } from '../dialects/schema-model';
import { renderDowngrade, renderOps } from '../autogenerate/render/render-ops';
import type { MigrateOperation } from '../operations/migrate-operation';
import type { NamingConvention } from '../operations/naming-convention';
import { CommandError } from '../errors';
import type { Environment } from './environment';

/** A baseline revision's function bodies: the live schema created from nothing, and dropped again. */
export interface BaselineBodies {
  upgradeBody: string;
  downgradeBody: string;
  imports: string[];
}

/**
 * The schema of `env`'s database as the upgrade of a first revision: autogenerate's comparison
 * run from an empty database to the live one, so every table, index, constraint and enum type
 * becomes a create op, rendered as `migrate` renders; the downgrade drops it all again. Leaves
 * out the version table, the run journal, the applied log and `excludeTables`.
 * @param env an online environment
 * @param namingConvention how unnamed constraints are named, as `migrate` renders them
 * @param excludeTables tables that stay out of the baseline (TypeORM's migrations table)
 */
export async function renderBaseline(
  env: Environment,
  namingConvention: NamingConvention,
  excludeTables: readonly string[] = [],
): Promise<BaselineBodies> {
  const { connection, dialect, versionTable } = env;
  if (!connection) throw new CommandError('A baseline is read from the live database; it cannot be made with --sql');
  const live = await introspect(connection.runner, dialect, {
    versionTable: versionTable.tableName,
    excludeTables: [versionTable.journalTableName, versionTable.logTableName, ...excludeTables],
    ...(versionTable.schema === undefined ? {} : { versionTableSchema: versionTable.schema }),
  });
  const empty: DatabaseSchema = { ...live, tables: new Map(), enums: new Map() };
  const ops: MigrateOperation[] = compareSchemas(live, empty).ops;
  const options = { renderAsBatch: true, dialect, namingConvention };
  const upgrade = renderOps(ops, options);
  const downgrade = renderDowngrade(ops, options);
  return {
    upgradeBody: upgrade.body,
    downgradeBody: downgrade.body,
    imports: [...upgrade.imports, ...downgrade.imports],
  };
}
