import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import type { RunOptions } from './step-command';
import { assertTenantsGiven, reportTenantRuns, TenantOptions, TenantStepCommand, tenantFlags } from './tenant-options';

@Command(COMMANDS.downgrade.meta)
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

  @Option(OPTIONS.sqlDowngrade)
  parseSql(): boolean {
    return true;
  }
}
