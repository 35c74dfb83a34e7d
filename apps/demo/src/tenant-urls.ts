import type { TenantDescriptor } from '@nest-migrate/migration';

/**
 * The demo's tenants, from `TENANT_DATABASE_URLS=acme=sqlite:acme.db,beta=postgres://…`: one
 * database per tenant, named before its URL. Unset or empty: no tenants.
 */
export function tenantsFromEnv(value: string | undefined): TenantDescriptor[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0) throw new Error(`TENANT_DATABASE_URLS takes name=url entries separated by commas, not '${entry}'`);
    return { name: entry.slice(0, at).trim(), url: entry.slice(at + 1).trim() };
  });
}
