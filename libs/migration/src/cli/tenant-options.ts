import { CommandError } from '../errors';
import { TenantsFailedError } from '../commands/tenants/tenant';
import type { TenantFlags } from '../nest/migrate.service';

/** What `--tenants` and `--concurrency` give a command. */
export interface TenantOptions {
  tenants?: string | true;
  concurrency?: string;
  json?: boolean;
  sql?: boolean;
  checkHeads?: boolean;
}

/**
 * The service's tenant flags. `--sql` is refused (each tenant's script would start from its own
 * version table), and so is `--check-heads` (the table shows each tenant's heads).
 */
export function tenantFlags(options: TenantOptions): Pick<TenantFlags, 'tenants' | 'concurrency'> {
  if (options.sql) throw new CommandError('--sql cannot be combined with --tenants; write the script without --tenants (one script serves every tenant at the same revision)');
  if (options.checkHeads) throw new CommandError("--check-heads cannot be combined with --tenants; the table marks each tenant's (head)");
  return { tenants: options.tenants, concurrency: options.concurrency };
}

/** Exit 1 once the report is out when any tenant failed. */
export function assertNoTenantFailed(results: readonly { tenant: string; status: string }[]): void {
  const failed = results.filter((r) => r.status === 'failed').map((r) => r.tenant);
  if (failed.length > 0) throw new TenantsFailedError(failed, results.length);
}
