import { tenantsFromEnv } from './tenant-urls';

describe('tenantsFromEnv', () => {
  it('reads name=url entries in their order', () => {
    expect(tenantsFromEnv('acme=sqlite:acme.db, beta=postgres://u:p@h:5432/beta?schema=x')).toEqual([
      { name: 'acme', url: 'sqlite:acme.db' },
      { name: 'beta', url: 'postgres://u:p@h:5432/beta?schema=x' },
    ]);
  });

  it('answers no tenants when unset or empty', () => {
    expect(tenantsFromEnv(undefined)).toBeUndefined();
    expect(tenantsFromEnv(' ')).toBeUndefined();
  });

  it('refuses an entry without a name', () => {
    expect(() => tenantsFromEnv('sqlite:acme.db')).toThrow(
      "TENANT_DATABASE_URLS takes name=url entries separated by commas, not 'sqlite:acme.db'",
    );
  });
});
