import type { MigrationConfig } from '../../config/migration-config';
import type { Script } from '../../script/script';
import { current } from '../current';
import { runTenants, TenantRunOptions } from './run-tenants';
import type { TenantDescriptor } from './tenant';

/** Where one tenant is, for `current --tenants`. */
export interface TenantCurrentResult {
  tenant: string;
  status: 'ok' | 'failed';
  /** The version table's rows; null when the tenant could not be read. */
  heads: string[] | null;
  /** The branch heads those rows stand for, by revision id. */
  revisions: Script[];
  /** The one-line reason the tenant could not be read; null otherwise. */
  error: string | null;
}

/** `current --tenants`: every tenant's version table, read without a lock, a tenant that fails reported as such. */
export async function currentTenants(
  base: MigrationConfig,
  tenants: readonly TenantDescriptor[],
  options: TenantRunOptions = {},
): Promise<TenantCurrentResult[]> {
  const outcomes = await runTenants(base, tenants, options, (config, output) => current(config, { output }));
  return outcomes.map(({ tenant, value, error }) =>
    value === undefined
      ? { tenant, status: 'failed', heads: null, revisions: [], error: error ?? null }
      : { tenant, status: 'ok', heads: value.heads, revisions: value.revisions, error: null },
  );
}
