import { Command, Option } from 'nest-commander';
import type { SharedOptions } from './migration-command';
import { assertTenantsGiven, reportTenantRuns, TenantAwareCommand, tenantFlags, TenantOptions } from './tenant-options';

export interface RunOptions extends SharedOptions, TenantOptions {
  sql?: boolean;
}

@Command({
  name: 'upgrade',
  arguments: '[revision]',
  description: 'Upgrade to a later revision (default: head)',
  argsDescription: { revision: 'target: head, heads, an id or prefix, label@head, +N, or from:to with --sql' },
})
export class UpgradeCommand extends TenantAwareCommand {
  async run([revision = 'head']: string[], options: RunOptions): Promise<void> {
    assertTenantsGiven(options);
    if (options.tenants === undefined) {
      await this.migrate.upgrade(revision, { ...this.flags(options), sql: options.sql });
      return;
    }
    const results = await this.migrate.upgradeTenants(revision, { ...this.flags(options), ...tenantFlags(options) });
    reportTenantRuns(results, revision, 'upgraded', options.json ?? false);
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it (no database connection)' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--tag <tag>', description: 'arbitrary tag for configure callbacks' })
  parseTag(value: string): string {
    return value;
  }
}
