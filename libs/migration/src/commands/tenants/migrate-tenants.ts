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

/**
 * The report: one line per tenant in the configured order, then a summary.
 * `tenant acme: upgraded base -> ab12 (3 revisions)`, `tenant beta: already at head (ab12)`,
 * `tenant gamma: FAILED: <reason>`, `3 tenants: 1 upgraded, 1 already current, 1 failed`.
 * @param revision the target as given, for the tenants already there
 * @param moved what the command does to a tenant: `upgraded` or `downgraded`
 */
export function formatTenantRuns(
  results: readonly TenantRunResult[],
  revision: string,
  moved: 'upgraded' | 'downgraded' = 'upgraded',
): string[] {
  const lines = results.map((r) => {
    if (r.status === 'failed') return `tenant ${r.tenant}: FAILED: ${r.error}`;
    if (r.status === 'current') return `tenant ${r.tenant}: already at ${revision} (${listHeads(r.to ?? [])})`;
    const count = `${r.revisions} revision${r.revisions === 1 ? '' : 's'}`;
    return `tenant ${r.tenant}: ${r.status} ${listHeads(r.from ?? [])} -> ${listHeads(r.to ?? [])} (${count})`;
  });
  const count = (status: TenantRunResult['status']) => results.filter((r) => r.status === status).length;
  const summary = `${results.length} tenant${results.length === 1 ? '' : 's'}: ${count(moved)} ${moved}, ${count('current')} already current, ${count('failed')} failed`;
  return [...lines, summary];
}

/** Heads as the report shows them: `base` for none, as in `base -> ab12`. */
function listHeads(heads: readonly string[]): string {
  return heads.length === 0 ? 'base' : heads.join(', ');
}
