import { CommandError } from '../errors';
import { TenantsFailedError } from '../commands/tenants/tenant';
import { assertNoTenantFailed, assertTenantsGiven, tenantFlags } from './tenant-options';

describe('tenant options', () => {
  it('hands --tenants and --concurrency to the service', () => {
    expect(tenantFlags({ tenants: 'a,b', concurrency: '3', json: true })).toEqual({ tenants: 'a,b', concurrency: '3' });
  });

  it('refuses --sql and --check-heads with --tenants, in one line', () => {
    expect(() => tenantFlags({ tenants: true, sql: true })).toThrow(
      new CommandError(
        '--sql cannot be combined with --tenants; write the script without --tenants (one script serves every tenant at the same revision)',
      ),
    );
    expect(() => tenantFlags({ tenants: true, checkHeads: true })).toThrow(
      new CommandError("--check-heads cannot be combined with --tenants; the table marks each tenant's (head)"),
    );
  });

  it('refuses --concurrency and --json of upgrade and downgrade without --tenants', () => {
    expect(() => assertTenantsGiven({ tenants: 'a', concurrency: '2', json: true })).not.toThrow();
    expect(() => assertTenantsGiven({})).not.toThrow();
    expect(() => assertTenantsGiven({ concurrency: '2' })).toThrow(new CommandError('--concurrency needs --tenants'));
    expect(() => assertTenantsGiven({ concurrency: '2', json: true })).toThrow(new CommandError('--concurrency and --json need --tenants'));
  });

  it('fails once the report is out when a tenant failed', () => {
    expect(() =>
      assertNoTenantFailed([
        { tenant: 'a', status: 'upgraded' },
        { tenant: 'b', status: 'current' },
      ]),
    ).not.toThrow();
    expect(() =>
      assertNoTenantFailed([
        { tenant: 'a', status: 'failed' },
        { tenant: 'b', status: 'ok' },
        { tenant: 'c', status: 'failed' },
      ]),
    ).toThrow(new TenantsFailedError(['a', 'c'], 3));
  });
});
