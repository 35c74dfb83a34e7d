import { Option } from 'nest-commander';
import { OPTIONS } from './command-specs';
import { CommandError } from '../errors';
import type { TenantRunResult } from '../commands/tenants/migrate-tenants';
import { formatTenantRuns } from './format/tenants';
import { TenantsFailedError } from '../commands/tenants/tenant';
import { printJson, printLines } from './cli-output';
import type { TenantFlags } from '../nest/migrate.service';
import { StepCommand } from './step-command';

/** What `--tenants`, `--concurrency` and `--json` give a command. */
export interface TenantOptions {
  tenants?: string | true;
  concurrency?: string;
  json?: boolean;
  sql?: boolean;
  checkHeads?: boolean;
}

/** `--tenants` alone means every tenant. */
export function parseTenantsOption(value: string | undefined): string | true {
  return value ?? true;
}

/**
 * Base of `upgrade` and `downgrade`: a step command that can run on many tenants. (`current`
 * declares the same two options itself: it is no step command.)
 */
export abstract class TenantStepCommand extends StepCommand {
  @Option(OPTIONS.tenants)
  parseTenants(value: string | undefined): string | true {
    return parseTenantsOption(value);
  }

  @Option(OPTIONS.concurrency)
  parseConcurrency(value: string): string {
    return value;
  }

  @Option(OPTIONS.tenantJson)
  parseJson(): boolean {
    return true;
  }
}

/**
 * The service's tenant flags. `--sql` is refused (each tenant's script would start from its own
 * version table), and so is `--check-heads` (the table shows each tenant's heads).
 */
export function tenantFlags(options: TenantOptions): Pick<TenantFlags, 'tenants' | 'concurrency'> {
  if (options.sql)
    throw new CommandError(
      '--sql cannot be combined with --tenants; write the script without --tenants (one script serves every tenant at the same revision)',
    );
  if (options.checkHeads) throw new CommandError("--check-heads cannot be combined with --tenants; the table marks each tenant's (head)");
  return { tenants: options.tenants, concurrency: options.concurrency };
}

/** `--concurrency` and `--json` of `upgrade` and `downgrade` only mean something with `--tenants`. */
export function assertTenantsGiven(options: TenantOptions): void {
  if (options.tenants !== undefined) return;
  const given = [options.concurrency !== undefined && '--concurrency', options.json && '--json'].filter(Boolean);
  if (given.length > 0) throw new CommandError(`${given.join(' and ')} ${given.length > 1 ? 'need' : 'needs'} --tenants`);
}

/** The report of `upgrade`/`downgrade --tenants` (or its JSON), then exit 1 if any tenant failed. */
export function reportTenantRuns(
  results: readonly TenantRunResult[],
  revision: string,
  moved: 'upgraded' | 'downgraded',
  json: boolean,
): void {
  if (json) printJson(results.map(({ tenant, status, from, to, error }) => ({ tenant, status, from, to, error })));
  else printLines(formatTenantRuns(results, revision, moved));
  assertNoTenantFailed(results);
}

/** Exit 1 once the report is out when any tenant failed. */
export function assertNoTenantFailed(results: readonly { tenant: string; status: string }[]): void {
  const failed = results.filter((r) => r.status === 'failed').map((r) => r.tenant);
  if (failed.length > 0) throw new TenantsFailedError(failed, results.length);
}
