import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { SchemaComparison } from '../autogenerate/compare/compare-schemas';
import { check, migrate, MigrateResult } from '../commands/autogenerate';
import { BranchPoint, branches } from '../commands/branches';
import { current, CurrentResult } from '../commands/current';
import { downgrade } from '../commands/downgrade';
import { revisionPaths } from '../commands/edit';
import { ensureVersionTable } from '../commands/ensure-version-table';
import { init, InitOptions } from '../commands/init';
import { merge, MergeOptions } from '../commands/merge';
import { revision, RevisionOptions } from '../commands/revision';
import { resolve } from '../commands/environment';
import { scriptDirectory } from '../commands/script-directory';
import { heads } from '../commands/heads';
import { importTypeorm, ImportTypeormOptions, ImportTypeormResult } from '../commands/import-typeorm';
import { squash, SquashResult } from '../commands/squash';
import { history, historyReadsDatabase } from '../commands/history';
import type { Output } from '../commands/output';
import { show, showReadsDatabase } from '../commands/show';
import { stamp } from '../commands/stamp';
import { upgrade } from '../commands/upgrade';
import { verify, VerifyResult } from '../commands/verify';
import type { DatabaseSource, MigrationConfig } from '../config/migration-config';
import type { ResolvedConfig } from '../config/resolve-config';
import type { Configs } from '../commands/databases';
import { ProviderToken, tokenName } from '../operations/provider-token';
import { parseConcurrency, selectTenants, TenantDescriptor } from '../commands/tenants/tenant';
import { currentTenants, TenantCurrentResult } from '../commands/tenants/current-tenants';
import { downgradeTenants, TenantRunResult, upgradeTenants } from '../commands/tenants/migrate-tenants';
import { CommandError } from '../errors';
import type { RunResult } from '../runtime/migration-context';
import type { GeneratedRevision } from '../script/revision-writer';
import type { Script } from '../script/script';
import { MIGRATION_CLI_MODE } from './cli-mode';
import { configFromOptions } from './module-config';
import { MigrationConfigure } from './migration-configure.decorator';
import { MIGRATION_MODULE_OPTIONS } from './migration.module-definition';
import type { ConfigureCallback, MigrationModuleOptions, TenantsProvider } from './migration-module-options.interface';

/** What every command accepts besides its own arguments (the CLI's shared options). */
export interface CommandFlags {
  /** Overrides the module's `directory`. */
  directory?: string;
  /** `-x key=value` arguments. */
  xArguments?: Record<string, string>;
  tag?: string;
  /** Where progress lines and `--sql` output go; nowhere by default. */
  output?: Output;
}

export interface RunFlags extends CommandFlags {
  sql?: boolean;
}

/** Which tenants a command runs on, and how many at once. */
export interface TenantFlags extends CommandFlags {
  /** `all` (the default) or a comma-separated list of names. */
  tenants?: string | true;
  /** At most this many tenants at once; 4 by default. */
  concurrency?: number | string;
}

/**
 * The programmatic API of every migration command, configured by `MigrationModule`. Each
 * method resolves the configuration (running the configure callbacks), calls the core
 * command and returns its data; printing is the caller's business.
 */
@Injectable()
export class Migrate implements OnApplicationBootstrap {
  private callbacks?: ConfigureCallback[];

  constructor(
    @Inject(MIGRATION_MODULE_OPTIONS) private readonly options: MigrationModuleOptions,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Optional() @Inject(MIGRATION_CLI_MODE) private readonly cliMode = false,
  ) {
    // Checked once, as the app starts, rather than before every command.
    if (options.dataSource !== undefined && options.databases !== undefined) {
      throw new CommandError("MigrationModule takes dataSource or databases, not both; list every database in 'databases'");
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runOnBootstrap || this.cliMode) return;
    const logger = new Logger('Migrate');
    await this.upgrade('heads', { output: { info: (line) => logger.log(line), sql: () => undefined, warn: (line) => logger.warn(line) } });
  }

  upgrade(revision = 'head', flags: RunFlags = {}): Promise<RunResult> {
    return this.withConfigs('upgrade', flags, (configs) => upgrade(configs, revision, { sql: flags.sql, output: flags.output }));
  }

  downgrade(revision = '-1', flags: RunFlags = {}): Promise<RunResult> {
    return this.withConfigs('downgrade', flags, (configs) => downgrade(configs, revision, { sql: flags.sql, output: flags.output }));
  }

  stamp(revisions: readonly string[], flags: RunFlags & { purge?: boolean } = {}): Promise<RunResult> {
    return this.withConfigs('stamp', flags, (configs) =>
      stamp(configs, revisions, { sql: flags.sql, purge: flags.purge, output: flags.output }),
    );
  }

  /** With `reportInterrupted`, a run journal left by an interrupted run is in the result instead of an InterruptedRunError. */
  current(flags: CommandFlags & { checkHeads?: boolean; reportInterrupted?: boolean } = {}): Promise<CurrentResult> {
    return this.withConfigs('current', flags, (configs) =>
      current(configs, { checkHeads: flags.checkHeads, output: flags.output, reportInterrupted: flags.reportInterrupted }),
    );
  }

  /** `upgrade --tenants`: every selected tenant upgraded independently; one failing leaves the others to finish. */
  async upgradeTenants(revision = 'head', flags: TenantFlags = {}): Promise<TenantRunResult[]> {
    const { base, tenants, concurrency } = await this.tenantRun('upgrade', flags);
    return upgradeTenants(base, tenants, revision, { concurrency, output: flags.output });
  }

  /** `downgrade --tenants`: every selected tenant downgraded independently (`-1` from each one's own heads). */
  async downgradeTenants(revision = '-1', flags: TenantFlags = {}): Promise<TenantRunResult[]> {
    const { base, tenants, concurrency } = await this.tenantRun('downgrade', flags);
    return downgradeTenants(base, tenants, revision, { concurrency, output: flags.output });
  }

  /** `current --tenants`: where every selected tenant is. */
  async currentTenants(flags: TenantFlags = {}): Promise<TenantCurrentResult[]> {
    const { base, tenants, concurrency } = await this.tenantRun('current', flags);
    return currentTenants(base, tenants, { concurrency, output: flags.output });
  }

  ensureVersionTable(flags: CommandFlags = {}): Promise<void> {
    return this.withConfigs('ensure-version-table', flags, (configs) => ensureVersionTable(configs));
  }

  /** The revisions of `flags.revRange`; a `current` end reads the database, as in Alembic. */
  history(flags: CommandFlags & { revRange?: string } = {}): Promise<Script[]> {
    return this.withConfig('history', flags, async (config) => {
      const rows = historyReadsDatabase(flags.revRange) ? await this.currentRows('history', flags) : undefined;
      return history(scriptDirectory(config, flags.output), flags.revRange, rows);
    });
  }

  heads(flags: CommandFlags & { resolveDependencies?: boolean } = {}): Promise<Script[]> {
    return this.withConfig('heads', flags, async (config) =>
      heads(scriptDirectory(config, flags.output), { resolveDependencies: flags.resolveDependencies }),
    );
  }

  branches(flags: CommandFlags = {}): Promise<BranchPoint[]> {
    return this.withConfig('branches', flags, async (config) => branches(scriptDirectory(config, flags.output)));
  }

  /** The revisions an identifier names; `current` reads the database, as in Alembic. */
  show(revision = 'head', flags: CommandFlags = {}): Promise<Script[]> {
    return this.withConfig('show', flags, async (config) => {
      const rows = showReadsDatabase(revision) ? await this.currentRows('show', flags) : undefined;
      return show(scriptDirectory(config, flags.output), revision, rows);
    });
  }

  /** Creates the migrations directory; answers the paths created. */
  init(flags: CommandFlags & Pick<InitOptions, 'template' | 'multidb'> = {}): Promise<string[]> {
    return this.withConfig('init', flags, async (config) =>
      init(config.fs, { directory: config.directory, template: flags.template, multidb: flags.multidb }),
    );
  }

  /** Writes a new, empty revision file (no database involved). */
  revision(options: RevisionOptions = {}, flags: CommandFlags = {}): Promise<GeneratedRevision> {
    return this.withConfig('revision', flags, async (config) =>
      revision(scriptDirectory(config, flags.output), config.fs, {
        ...this.databaseNames(),
        maxRevisionIdLength: config.versionTable?.columnWidth,
        ...options,
      }),
    );
  }

  /** `migrate` / `revision --autogenerate`: compares the entities with the database and writes the revision (none when nothing changed). */
  migrate(options: RevisionOptions & { allowEmpty?: boolean } = {}, flags: CommandFlags = {}): Promise<MigrateResult> {
    return this.withConfigs('migrate', flags, (configs) => migrate(configs, { ...options, ...this.autogenerateOptions() }, flags.output));
  }

  /**
   * `check`: rejects with SchemaDiffersError when the entities and the database disagree (its
   * message adds what `verify` found), or with VerifyFailedError when only `verify` found problems.
   */
  check(flags: CommandFlags & { allowMultipleHeads?: boolean } = {}): Promise<SchemaComparison> {
    return this.withConfigs('check', flags, (configs) =>
      check(configs, this.autogenerateOptions(), flags.output, { allowMultipleHeads: flags.allowMultipleHeads }),
    );
  }

  /**
   * `verify`: every applied revision's file unchanged since it ran (per the applied log), a file
   * for every version-table row, one head. Rejects with VerifyFailedError (its `result` has
   * every revision's status) when not.
   */
  verify(flags: CommandFlags & { allowMultipleHeads?: boolean } = {}): Promise<VerifyResult> {
    return this.withConfigs('verify', flags, (configs) =>
      verify(configs, { allowMultipleHeads: flags.allowMultipleHeads, output: flags.output }),
    );
  }

  /** `import-typeorm`: revisions from a TypeORM project's migrations, and the database stamped where TypeORM left it. */
  importTypeorm(options: ImportTypeormOptions = {}, flags: CommandFlags = {}): Promise<ImportTypeormResult> {
    return this.withConfigs('import-typeorm', flags, (configs) => importTypeorm(configs, options, flags.output));
  }

  /** `squash`: one baseline revision, built on a scratch database, in place of `revision` and everything below it. */
  squash(revision: string, flags: CommandFlags = {}): Promise<SquashResult> {
    return this.withConfigs('squash', flags, (configs) => squash(configs, revision, {}, flags.output));
  }

  /** Writes a revision merging heads (all of them by default). */
  merge(options: MergeOptions = {}, flags: CommandFlags = {}): Promise<GeneratedRevision> {
    return this.withConfig('merge', flags, async (config) =>
      merge(scriptDirectory(config, flags.output), config.fs, {
        ...(this.options.databases ? { databases: this.options.databases } : {}),
        maxRevisionIdLength: config.versionTable?.columnWidth,
        ...options,
      }),
    );
  }

  /** The files of the revisions an identifier names, for `edit`; `current` reads them from the database. */
  revisionFiles(revision: string, flags: CommandFlags = {}): Promise<string[]> {
    return this.withConfig('edit', flags, async (config) => {
      const ids = revision === 'current' ? (await current(config, { output: flags.output })).heads : revision;
      return revisionPaths(scriptDirectory(config, flags.output), ids);
    });
  }

  /**
   * The configuration a command would run with: the module's options, the flags, then every
   * configure callback, resolved (every default filled in). With several databases, the primary's.
   */
  async config(command: string, flags: CommandFlags = {}): Promise<ResolvedConfig> {
    return this.configure(command, flags, this.options.databases?.[0]);
  }

  /** One configuration, or with several databases one per database (each through the callbacks), the primary first. */
  async configs(command: string, flags: CommandFlags = {}): Promise<Configs> {
    const names = this.options.databases;
    if (names === undefined) return this.config(command, flags);
    const configs: ResolvedConfig[] = [];
    for (const name of names) configs.push(await this.configure(command, flags, name));
    return configs;
  }

  /** The base configuration and the selected tenants, everything a flag can get wrong refused before any tenant runs. */
  private async tenantRun(
    command: string,
    flags: TenantFlags,
  ): Promise<{ base: MigrationConfig; tenants: TenantDescriptor[]; concurrency: number }> {
    const configured = this.options.tenants;
    if (configured === undefined) throw new CommandError("--tenants needs MigrationModule's tenants option; list the tenants there");
    if (this.options.databases !== undefined) throw new CommandError('MigrationModule takes tenants or databases, not both');
    const concurrency = parseConcurrency(flags.concurrency);
    const list = Array.isArray(configured) ? configured : await this.tenantsFromProvider(configured);
    return { base: await this.config(command, flags), tenants: selectTenants(list, flags.tenants), concurrency };
  }

  private async tenantsFromProvider({ useFactory, inject = [] }: TenantsProvider): Promise<TenantDescriptor[]> {
    const args = inject.map((token) => this.moduleRef.get(token, { strict: false }) as never);
    const tenants = await useFactory(...args);
    if (!Array.isArray(tenants)) throw new CommandError('The tenants provider of MigrationModule must return a list of tenants');
    return tenants;
  }

  private async configure(command: string, flags: CommandFlags, databaseName: string | undefined): Promise<ResolvedConfig> {
    const database = databaseName === undefined ? this.databaseSource() : { dataSource: this.dataSourceNamed(databaseName) };
    // Revisions reach the app's providers (op.get, inject) through the module's ModuleRef.
    let config = configFromOptions(this.options, flags, database, (token) => this.provider(token), databaseName);
    const context = { command, tag: flags.tag, ...(databaseName === undefined ? {} : { database: databaseName }) };
    for (const callback of this.configureCallbacks()) config = await callback(config, context);
    return resolve(config);
  }

  /** For `revision`: the databases a multidb revision has functions for. */
  private databaseNames(): { databases?: { name: string }[] } {
    return this.options.databases ? { databases: this.options.databases.map((name) => ({ name })) } : {};
  }

  /** The module's autogenerate options as given: the command fills in the defaults (resolveAutogenerateOptions). */
  private autogenerateOptions() {
    const { renderAsBatch, compareType, compareServerDefault, includeSchemas, includeObject, includeName } = this.options;
    const { processRevisionDirectives, renderItem } = this.options;
    return {
      renderAsBatch,
      compareType,
      compareServerDefault,
      includeSchemas,
      includeObject,
      includeName,
      processRevisionDirectives,
      renderItem,
    };
  }

  /** The version tables' rows, for `current` as an identifier: with several databases, every database's. */
  private async currentRows(command: string, flags: CommandFlags): Promise<string[]> {
    const result = await this.withConfigs(command, flags, (configs) => current(configs, { output: flags.output }));
    return [...new Set((result.databases ?? [result]).flatMap((db) => db.heads))];
  }

  private async withConfig<T>(command: string, flags: CommandFlags, fn: (config: ResolvedConfig) => Promise<T>): Promise<T> {
    return fn(await this.config(command, flags));
  }

  private async withConfigs<T>(command: string, flags: CommandFlags, fn: (configs: Configs) => Promise<T>): Promise<T> {
    return fn(await this.configs(command, flags));
  }

  /**
   * The DataSource instance, not a connection: the core connects only for commands that need
   * the database (an app running the CLI registers TypeORM with `manualInitialization`).
   */
  private databaseSource(): DatabaseSource {
    const configured = this.options.dataSource;
    if (configured !== undefined && typeof configured === 'object' && 'url' in configured) return { url: configured.url };
    if (configured !== undefined && typeof configured === 'object') return { dataSource: configured as DataSource };
    return { dataSource: this.dataSourceNamed(configured) };
  }

  /**
   * A DataSource registered with `@nestjs/typeorm` under this name (`default` or none: the
   * unnamed one). @nestjs/typeorm, and with it TypeORM, is required only here, so an app that
   * names its database by `{ url }` starts its graph commands without TypeORM.
   */
  private dataSourceNamed(name: string | undefined): DataSource {
    const { getDataSourceToken } = require('@nestjs/typeorm') as typeof import('@nestjs/typeorm');
    try {
      return this.moduleRef.get<DataSource>(getDataSourceToken(name), { strict: false });
    } catch {
      throw new CommandError(
        `No TypeORM DataSource named '${name ?? 'default'}' is registered; register it with TypeOrmModule.forRoot({ name: '${name ?? 'default'}', ... }) or fix the name in MigrationModule's options`,
      );
    }
  }

  /**
   * A provider for `op.get` / `inject`: by its token, or else by the name of its class. A
   * revision file compiled from the app's sources (`src/...`) while the app runs from its build
   * (`dist/...`) has a second copy of a class, which Nest does not know as a token; and a
   * revision may name a class it imports only as a type (`op.get<TagNames>('TagNames')`). The
   * name is used when exactly one provider of the app has a class of that name.
   */
  private provider(token: ProviderToken): unknown {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch (error) {
      const name = typeof token === 'function' ? token.name : typeof token === 'string' ? token : '';
      if (name === '') throw error;
      const instances = new Set(
        this.discovery
          .getProviders()
          .filter((wrapper) => typeof wrapper.metatype === 'function' && wrapper.metatype.name === name && wrapper.instance)
          .map((wrapper) => wrapper.instance as unknown),
      );
      if (instances.size === 1) return [...instances][0];
      if (instances.size > 1) {
        throw new CommandError(
          `op.get(${tokenName(token)}): the app has ${instances.size} providers of classes named ${name}; import the class the app registers, or give the provider a token of its own`,
        );
      }
      throw error;
    }
  }

  /** `options.configure` in array order, then `@MigrationConfigure()` methods in provider registration order. */
  private configureCallbacks(): ConfigureCallback[] {
    if (this.callbacks) return this.callbacks;
    const discovered: ConfigureCallback[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        if (this.discovery.getMetadataByDecorator(MigrationConfigure, wrapper, name) === undefined) continue;
        discovered.push((instance[name] as ConfigureCallback).bind(instance));
      }
    }
    this.callbacks = [...(this.options.configure ?? []), ...discovered];
    return this.callbacks;
  }
}
