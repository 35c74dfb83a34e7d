import { Command, Option } from 'nest-commander';
import { COMMANDS, OPTIONS } from './command-specs';
import { assertNotInterrupted, CurrentResult } from '../commands/current';
import { formatCurrent } from './format/current';
import { formatTenantTable } from './format/tenants';
import { printJson, printLines, revisionJson } from './cli-output';
import { MigrationCommand, SharedOptions } from './migration-command';
import { assertNoTenantFailed, parseTenantsOption, tenantFlags, TenantOptions } from './tenant-options';

@Command(COMMANDS.current.meta)
export class CurrentCommand extends MigrationCommand {
  async run(_: string[], options: SharedOptions & TenantOptions & { checkHeads?: boolean; json?: boolean }): Promise<void> {
    if (options.tenants !== undefined) return this.runTenants(options);
    const result = await this.migrate.current({ ...this.flags(options), checkHeads: options.checkHeads, reportInterrupted: true });
    const json = (r: Omit<CurrentResult, 'databases'>) => ({
      database: r.database,
      heads: r.heads,
      revisions: r.revisions.map((s) => revisionJson(s)),
      // Every applied revision and the applied log's latest row for it (null: unknown).
      applied: r.applied.map((a) => ({ revision: a.revision, entry: a.entry })),
      ...(r.interrupted ? { interrupted: r.interrupted } : {}),
    });
    // Several databases: one entry per database, named; one: the object as before.
    if (options.json) printJson(result.databases ? result.databases.map((db) => ({ name: db.name, ...json(db) })) : json(result));
    else printLines(formatCurrent(result, options.verbose));
    // A database left half-way by an interrupted run is at no revision: the report above, then exit 1.
    assertNotInterrupted(result);
  }

  /** A table of where each tenant is; exit 1 when a tenant could not be read. */
  private async runTenants(options: SharedOptions & TenantOptions): Promise<void> {
    const results = await this.migrate.currentTenants({ ...this.flags(options), ...tenantFlags(options) });
    if (options.json) {
      printJson(
        results.map(({ tenant, status, heads, revisions, error }) => ({
          tenant,
          status,
          heads,
          revisions: revisions.map((s) => revisionJson(s)),
          error,
        })),
      );
    } else {
      printLines(formatTenantTable(results));
    }
    assertNoTenantFailed(results);
  }

  @Option(OPTIONS.tenants)
  parseTenants(value: string | undefined): string | true {
    return parseTenantsOption(value);
  }

  @Option(OPTIONS.concurrency)
  parseConcurrency(value: string): string {
    return value;
  }

  @Option(OPTIONS.checkHeads)
  parseCheckHeads(): boolean {
    return true;
  }

  @Option(OPTIONS.json)
  parseJson(): boolean {
    return true;
  }
}
