import { Command, Option } from 'nest-commander';
import type { RunOptions } from './step-command';
import { assertTenantsGiven, reportTenantRuns, TenantOptions, TenantStepCommand, tenantFlags } from './tenant-options';

@Command({
  name: 'upgrade',
  arguments: '[revision]',
  description: 'Upgrade to a later revision (default: head)',
  argsDescription: { revision: 'target: head, heads, an id or prefix, label@head, +N, or from:to with --sql' },
})
export class UpgradeCommand extends TenantStepCommand {
  async run([revision = 'head']: string[], options: RunOptions & TenantOptions): Promise<void> {
    assertTenantsGiven(options);
    if (options.tenants === undefined) {
      await this.migrate.upgrade(revision, this.runFlags(options));
      return;
    }
    const results = await this.migrate.upgradeTenants(revision, { ...this.runFlags(options), ...tenantFlags(options) });
    reportTenantRuns(results, revision, 'upgraded', options.json ?? false);
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it (no database connection)' })
  parseSql(): boolean {
    return true;
  }
}
