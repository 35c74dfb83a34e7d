import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import type { RunOptions } from './step-command';
import { assertTenantsGiven, reportTenantRuns, TenantOptions, TenantStepCommand, tenantFlags } from './tenant-options';

@Command(COMMANDS.upgrade.meta)
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

  @Option(OPTIONS.sqlUpgrade)
  parseSql(): boolean {
    return true;
  }
}
