import type { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseSource, MigrationConfig } from '../../config/migration-config';
import { CommandError, MigrationError } from '../../errors';

/**
 * One tenant: a database of its own (a URL, or a TypeORM DataSource or its options), or a
 * PostgreSQL schema on the configuration's own database. Every tenant runs the same history.
 */
export type TenantDescriptor =
  { name: string; url: string } | { name: string; dataSource: DataSource | DataSourceOptions } | { name: string; schema: string };

/** A tenant's configuration, and how to close what was opened for it alone. */
export interface TenantTarget {
  name: string;
  config: MigrationConfig;
  close(): Promise<void>;
}

/** How many tenants run at once unless `--concurrency` says otherwise. */
export const DEFAULT_TENANT_CONCURRENCY = 4;

/**
 * The tenants `--tenants` names: `all` (or nothing) for every one, or a comma-separated list.
 * An unknown name is refused before anything runs; the result keeps the configured order.
 */
export function selectTenants(tenants: readonly TenantDescriptor[], selector: string | true | undefined): TenantDescriptor[] {
  checkTenants(tenants);
  if (selector === undefined || selector === true || selector.trim() === 'all') return [...tenants];
  const wanted = selector
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (wanted.length === 0) throw new CommandError(`--tenants takes 'all' or a comma-separated list of tenant names, not '${selector}'`);
  const known = new Set(tenants.map((t) => t.name));
  const unknown = wanted.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new CommandError(
      `Unknown tenant${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; the configured tenants are ${[...known].join(', ')}`,
    );
  }
  return tenants.filter((t) => wanted.includes(t.name));
}

/** `--concurrency`: a whole number of 1 or more. */
export function parseConcurrency(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_TENANT_CONCURRENCY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommandError(`--concurrency takes a whole number of 1 or more, not '${value}'`);
  return n;
}

function checkTenants(tenants: readonly TenantDescriptor[]): void {
  if (tenants.length === 0) throw new CommandError("No tenants configured; list them in MigrationModule's tenants option");
  const seen = new Set<string>();
  for (const tenant of tenants) {
    if (typeof tenant.name !== 'string' || tenant.name === '') throw new CommandError('Every tenant needs a name');
    if (seen.has(tenant.name)) throw new CommandError(`Tenant '${tenant.name}' is listed twice; give each tenant one entry`);
    seen.add(tenant.name);
  }
}

/**
 * The configuration one tenant runs with: the base configuration pointed at the tenant's
 * database or schema. DataSource options get a DataSource of their own, destroyed by `close`.
 */
export function tenantTarget(base: MigrationConfig, tenant: TenantDescriptor): TenantTarget {
  const none = async () => undefined;
  if ('schema' in tenant) return { name: tenant.name, config: { ...base, schema: tenant.schema }, close: none };
  if ('url' in tenant) return { name: tenant.name, config: { ...base, database: { url: tenant.url } }, close: none };
  if (isDataSource(tenant.dataSource))
    return { name: tenant.name, config: { ...base, database: { dataSource: tenant.dataSource } }, close: none };
  const typeorm = require('typeorm') as typeof import('typeorm');
  const dataSource = new typeorm.DataSource(tenant.dataSource);
  const database: DatabaseSource = { dataSource };
  return {
    name: tenant.name,
    config: { ...base, database },
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

function isDataSource(value: DataSource | DataSourceOptions): value is DataSource {
  return typeof (value as DataSource).initialize === 'function';
}

/** Some tenants failed (each has its line in the report): the CLI exits 1. */
export class TenantsFailedError extends MigrationError {
  constructor(
    readonly failed: readonly string[],
    readonly total: number,
  ) {
    super(`${failed.length} of ${total} tenant${total === 1 ? '' : 's'} failed: ${failed.join(', ')}; see each tenant's line for why`);
  }
}
