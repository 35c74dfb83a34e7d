// Public API of @nest-migrate/migration: the core entry, plus the Nest module, the Migrate
// service and the CLI (`etc/migration.api.md` is its reviewed record). runMigrationCli loads
// nest-commander and the commands only when it is called.
export * from './core';
export { MigrationModule } from './nest/migration.module';
export { MIGRATION_MODULE_OPTIONS } from './nest/migration.module-definition';
// The class Nest's ConfigurableModuleBuilder makes (forRoot, forRootAsync), which MigrationModule extends.
export type { ConfigurableMigrationModule } from './nest/migration.module-definition';
export { Migrate } from './nest/migrate.service';
export type { CommandFlags, RunFlags, TenantFlags } from './nest/migrate.service';
export { MigrationConfigure } from './nest/migration-configure.decorator';
export type {
  MigrationModuleOptions,
  ConfigureCallback,
  ConfigureContext,
  TenantsProvider,
} from './nest/migration-module-options.interface';
export { runMigrationCli } from './cli/run-migration-cli';
export type { MigrationCliOptions } from './cli/run-migration-cli';
export { commandNeedsDatabase } from './cli/command-needs-database';
