import { Command, Option } from 'nest-commander';
import { formatTenantUpgrades } from '../commands/tenants/upgrade-tenants';
import { printJson, printLines } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';
import { assertNoTenantFailed, tenantFlags, TenantOptions } from './tenant-options';

export interface RunOptions extends SharedOptions {
  sql?: boolean;
}

@Command({
  name: 'upgrade',
  arguments: '[revision]',
  description: 'Upgrade to a later revision (default: head)',
  argsDescription: { revision: 'target: head, heads, an id or prefix, label@head, +N, or from:to with --sql' },
})
export class UpgradeCommand extends MigrationCommand {
  async run([revision = 'head']: string[], options: RunOptions & TenantOptions): Promise<void> {
    if (options.tenants === undefined) {
      await this.migrate.upgrade(revision, { ...this.flags(options), sql: options.sql });
      return;
    }
    const results = await this.migrate.upgradeTenants(revision, { ...this.flags(options), ...tenantFlags(options) });
    if (options.json) printJson(results.map(({ tenant, status, from, to, error }) => ({ tenant, status, from, to, error })));
    else printLines(formatTenantUpgrades(results, revision));
    assertNoTenantFailed(results);
  }

  @Option({ flags: '--sql', description: 'print the SQL instead of running it (no database connection)' })
  parseSql(): boolean {
    return true;
  }

  @Option({ flags: '--tag <tag>', description: 'arbitrary tag for configure callbacks' })
  parseTag(value: string): string {
    return value;
  }

  @Option({ flags: '--tenants [names]', description: "upgrade each tenant on its own: 'all' (the default) or a comma-separated list" })
  parseTenants(value: string | undefined): string | true {
    return value ?? true;
  }

  @Option({ flags: '--concurrency <n>', description: 'with --tenants, how many tenants at once (default: 4)' })
  parseConcurrency(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'with --tenants, print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}
