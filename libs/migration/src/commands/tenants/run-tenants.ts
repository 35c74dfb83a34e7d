import type { MigrationConfig } from '../../config/migration-config';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../../config/migration-config';
import { messageOf } from '../../errors';
import { oneLine } from '../../one-line';
import { openDatabase } from '../../runtime/database';
import { scriptDirectory } from '../script-directory';
import type { Output } from '../output';
import { SILENT_OUTPUT } from '../output';
import { mapWithConcurrency } from './pool';
import { DEFAULT_TENANT_CONCURRENCY, TenantDescriptor, TenantTarget, tenantTarget } from './tenant';

export interface TenantRunOptions {
  /** How many tenants run at once; 4 by default. */
  concurrency?: number;
  /** Progress lines, each starting `tenant <name>: `. */
  output?: Output;
}

/** One tenant's outcome: its value, or the one-line reason it failed. */
export type TenantOutcome<R> = { tenant: string; value: R; error?: undefined } | { tenant: string; value?: undefined; error: string };

/**
 * Runs `fn` for every tenant, at most `concurrency` at a time, each on its own connection and
 * under its own deploy lock. A tenant that fails is reported and the others go on. The outcomes
 * come back in the tenants' order.
 */
export async function runTenants<R>(
  base: MigrationConfig,
  tenants: readonly TenantDescriptor[],
  options: TenantRunOptions,
  fn: (config: MigrationConfig, output: Output) => Promise<R>,
): Promise<TenantOutcome<R>[]> {
  const output = options.output ?? SILENT_OUTPUT;
  const concurrency = options.concurrency ?? DEFAULT_TENANT_CONCURRENCY;
  // A missing migrations directory is every tenant's problem: one line, before anything runs.
  scriptDirectory(base, output);
  if (tenants.some((t) => 'schema' in t)) await openSharedDataSource(base);
  return mapWithConcurrency(tenants, concurrency, async (tenant) => {
    let target: TenantTarget | undefined;
    try {
      target = tenantTarget(base, tenant);
      return { tenant: tenant.name, value: await fn(target.config, prefixed(output, tenant.name)) };
    } catch (error) {
      return { tenant: tenant.name, error: oneLine(messageOf(error)) };
    } finally {
      await target?.close().catch(() => undefined);
    }
  });
}

/**
 * Schema tenants share the configuration's own DataSource. Initialising it once, before the
 * tenants run, keeps them from initialising it together (TypeORM would open several pools).
 */
async function openSharedDataSource(base: MigrationConfig): Promise<void> {
  if (!('dataSource' in base.database) || base.database.dataSource.isInitialized) return;
  await openDatabase(base.database, base.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
}

/**
 * Every progress line says whose it is: tenants run side by side. A step is one whole line
 * (no `stepStarted`/`stepEnded`), since another tenant's line may come between its start and end.
 */
function prefixed(output: Output, tenant: string): Output {
  return {
    info: (line) => output.info(`tenant ${tenant}: ${line}`),
    sql: (text) => output.sql(text),
    warn: (line) => output.warn(`tenant ${tenant}: ${line}`),
    ...(output.statement ? { statement: (sql: string) => output.statement?.(`tenant ${tenant}: ${sql}`) } : {}),
  };
}
