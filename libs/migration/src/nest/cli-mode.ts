/**
 * Provided (as `true`) by MigrationCliModule while the application runs as the migration CLI:
 * `runOnBootstrap` must not upgrade before a `downgrade` or `stamp` the user asked for. An
 * injection token rather than a global flag, so two apps in one process do not share it.
 */
export const MIGRATION_CLI_MODE = Symbol('MIGRATION_CLI_MODE');
