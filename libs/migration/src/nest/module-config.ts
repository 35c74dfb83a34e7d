import { DEFAULT_DIRECTORY, DatabaseSource, MigrationConfig } from '../config/migration-config';
import type { ResolveProvider } from '../config/provider-token';
import type { MigrationModuleOptions } from './migration-module-options.interface';

/** What one command's flags add to the module's options. */
export interface ConfigFlags {
  directory?: string;
  xArguments?: Record<string, string>;
  tag?: string;
}

/**
 * The configuration `MigrationModule`'s options give one command on one database, before the
 * configure callbacks. Kept free of Nest, so that the CLI's fast path (which answers `--sql`
 * before the app is built) configures a run exactly as the `Migrate` service does.
 * @param options the module's options
 * @param flags the command's shared flags
 * @param database the database the run targets
 * @param resolveProvider how revisions reach the app's providers (`op.get`, `inject`)
 * @param databaseName with several databases, this one's name
 */
export function configFromOptions(
  options: MigrationModuleOptions,
  flags: ConfigFlags,
  database: DatabaseSource,
  resolveProvider: ResolveProvider,
  databaseName?: string,
): MigrationConfig {
  return {
    directory: flags.directory ?? options.directory ?? DEFAULT_DIRECTORY,
    versionLocations: options.versionLocations,
    database,
    ...(databaseName === undefined ? {} : { databaseName, twoPhase: options.twoPhase }),
    versionTable: options.versionTable,
    namingConvention: options.namingConvention,
    transactionMode: options.transactionMode,
    lockTimeoutMs: options.lockTimeoutMs,
    xArguments: flags.xArguments ?? {},
    tag: flags.tag,
    resolveProvider,
  };
}
