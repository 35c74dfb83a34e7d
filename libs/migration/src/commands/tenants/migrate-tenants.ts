import type { MigrationConfig } from '../../config/migration-config';
import type { RunResult } from '../../runtime/migration-context';
import { downgrade } from '../downgrade';
import type { Output } from '../output';
import { upgrade } from '../upgrade';
import { runTenants, TenantRunOptions } from './run-tenants';
import type { TenantDescriptor } from './tenant';

/** One tenant's line of `upgrade --tenants` / `downgrade --tenants`, and its `--json` entry. */
export interface TenantRunResult {
  tenant: string;
  /** `upgraded` / `downgraded`: revisions ran; `current`: already at the target; `failed`: see `error`. */
  status: 'upgraded' | 'downgraded' | 'current' | 'failed';
  /** The heads before the run; null when the tenant failed. */
  from: string[] | null;
  /** The heads after the run; null when the tenant failed. */
  to: string[] | null;
  /** How many revisions ran. */
  revisions: number;
  /** The one-line reason a tenant failed; null otherwise. */
  error: string | null;
}

/**
 * `upgrade --tenants`: one history upgraded in every tenant independently, at most
 * `concurrency` at a time. A tenant that fails is rolled back as a single-database run would be
 * and reported; the others finish.
 */
export function upgradeTenants(
  base: MigrationConfig,
  tenants: readonly TenantDescriptor[],
  revision = 'head',
  options: TenantRunOptions = {},
): Promise<TenantRunResult[]> {
  return runOnTenants(base, tenants, options, 'upgraded', (config, output) => upgrade(config, revision, { output }));
}

/** `downgrade --tenants`: as `upgradeTenants`, each tenant downgraded to `revision` (`-1` steps down from its own heads). */
export function downgradeTenants(
  base: MigrationConfig,
  tenants: readonly TenantDescriptor[],
  revision = '-1',
  options: TenantRunOptions = {},
): Promise<TenantRunResult[]> {
  return runOnTenants(base, tenants, options, 'downgraded', (config, output) => downgrade(config, revision, { output }));
}

async function runOnTenants(
  base: MigrationConfig,
  tenants: readonly TenantDescriptor[],
  options: TenantRunOptions,
  moved: 'upgraded' | 'downgraded',
  run: (config: MigrationConfig, output: Output) => Promise<RunResult>,
): Promise<TenantRunResult[]> {
  const outcomes = await runTenants(base, tenants, options, run);
  return outcomes.map(({ tenant, value, error }) => {
    if (value === undefined) return { tenant, status: 'failed', from: null, to: null, revisions: 0, error: error ?? null };
    const revisions = value.steps.filter((step) => step.kind === 'revision').length;
    return { tenant, status: value.steps.length > 0 ? moved : 'current', from: value.from, to: value.heads, revisions, error: null };
  });
}
