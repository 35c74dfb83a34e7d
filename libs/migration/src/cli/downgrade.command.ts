import { Command, Option } from 'nest-commander';
import type { RunOptions } from './step-command';
import { assertTenantsGiven, reportTenantRuns, TenantOptions, TenantStepCommand, tenantFlags } from './tenant-options';

@Command({
  name: 'downgrade',
  arguments: '[revision]',
  description: 'Revert to a previous revision (default: -1)',
  argsDescription: { revision: 'target: -N, base, an id or prefix, label@-1, or from:to with --sql' },
})
export class DowngradeCommand extends TenantStepCommand {
  async run([revision = '-1']: string[], options: RunOptions & TenantOptions): Promise<void> {
    assertTenantsGiven(options);
    if (options.tenants === undefined) {
      await this.migrate.downgrade(revision, this.runFlags(options));
      return;
    }
    const results = await this.migrate.downgradeTenants(revision, { ...this.runFlags(options), ...tenantFlags(options) });
    reportTenantRuns(results, revision, 'downgraded', options.json ?? false);
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it; needs from:to' })
  parseSql(): boolean {
    return true;
  }
}
