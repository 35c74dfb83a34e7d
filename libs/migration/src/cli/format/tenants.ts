import type { TenantCurrentResult } from '../../commands/tenants/current-tenants';
import type { TenantRunResult } from '../../commands/tenants/migrate-tenants';
import { formatRevision } from '../../script/format';

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

/**
 * A table, one row per tenant in the configured order:
 * ```
 * tenant  revision
 * acme    ab12cd34ef56 (head)
 * beta    no revision
 * gamma   FAILED: <reason>
 * ```
 */
export function formatTenantTable(results: readonly TenantCurrentResult[]): string[] {
  const cell = (r: TenantCurrentResult) => {
    if (r.status === 'failed') return `FAILED: ${r.error}`;
    return r.revisions.length === 0 ? 'no revision' : r.revisions.map((s) => formatRevision(s, false)).join(', ');
  };
  const width = Math.max('tenant'.length, ...results.map((r) => r.tenant.length));
  return [`${'tenant'.padEnd(width)}  revision`, ...results.map((r) => `${r.tenant.padEnd(width)}  ${cell(r)}`)];
}
