import { CommandError } from '../../errors';
import type { MigrationConfig } from '../../config/migration-config';
import { parseConcurrency, selectTenants, TenantDescriptor, TenantsFailedError, tenantTarget } from './tenant';

const TENANTS: TenantDescriptor[] = [
  { name: 'acme', url: 'sqlite:acme.db' },
  { name: 'beta', schema: 'tenant_beta' },
  { name: 'gamma', url: 'postgres://app@db/gamma' },
];

describe('selectTenants', () => {
  it('takes every tenant for all, or for --tenants without a value', () => {
    expect(selectTenants(TENANTS, 'all')).toEqual(TENANTS);
    expect(selectTenants(TENANTS, true)).toEqual(TENANTS);
    expect(selectTenants(TENANTS, undefined)).toEqual(TENANTS);
  });

  it('keeps the configured order for a list of names', () => {
    expect(selectTenants(TENANTS, 'gamma, acme').map((t) => t.name)).toEqual(['acme', 'gamma']);
  });

  it('refuses an unknown name, naming the known ones', () => {
    expect(() => selectTenants(TENANTS, 'acme,zed,omega')).toThrow(
      new CommandError("Unknown tenants 'zed', 'omega'; the configured tenants are acme, beta, gamma"),
    );
  });

  it('refuses an empty list, a tenant listed twice and no tenants at all', () => {
    expect(() => selectTenants(TENANTS, ',')).toThrow("--tenants takes 'all' or a comma-separated list of tenant names, not ','");
    expect(() => selectTenants([...TENANTS, { name: 'acme', url: 'sqlite:x.db' }], 'all')).toThrow(
      "Tenant 'acme' is listed twice; give each tenant one entry",
    );
    expect(() => selectTenants([], 'all')).toThrow("No tenants configured; list them in MigrationModule's tenants option");
  });
});

describe('parseConcurrency', () => {
  it('is 4 by default and takes a whole number of 1 or more', () => {
    expect(parseConcurrency(undefined)).toBe(4);
    expect(parseConcurrency('16')).toBe(16);
    expect(() => parseConcurrency('0')).toThrow("--concurrency takes a whole number of 1 or more, not '0'");
    expect(() => parseConcurrency('two')).toThrow("--concurrency takes a whole number of 1 or more, not 'two'");
  });
});

describe('tenantTarget', () => {
  const base: MigrationConfig = {
    directory: 'migrations',
    database: { url: 'postgres://app@db/main' },
    versionTable: { tableName: 'versions' },
  };

  it('points the base configuration at the tenant URL', () => {
    expect(tenantTarget(base, TENANTS[0]).config).toEqual({ ...base, database: { url: 'sqlite:acme.db' } });
  });

  it('keeps the database and sets the schema for a schema tenant', () => {
    expect(tenantTarget(base, TENANTS[1]).config).toEqual({ ...base, schema: 'tenant_beta' });
  });
});

describe('TenantsFailedError', () => {
  it('counts and names the failed tenants', () => {
    expect(new TenantsFailedError(['gamma', 'delta'], 5).message).toBe(
      "2 of 5 tenants failed: gamma, delta; see each tenant's line for why",
    );
  });
});
