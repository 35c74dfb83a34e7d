import type { MigrationModuleOptions } from '@nest-migrate/migration';
import { tenantsFromEnv } from './tenant-urls';

/** Used when DATABASE_URL is unset: a SQLite file in the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:demo.db';

/** What the app gives `MigrationModule.forRoot`, and whether that needs TypeORM in the app. */
export interface DemoMigrationOptions {
  options: MigrationModuleOptions;
  withTypeOrm: boolean;
  analyticsUrl?: string;
}

/**
 * The migration options for a run. Without the app's database (`database: false`, see
 * `AppModule.register`) they name it by URL. Kept apart from the modules, so that `main.ts`
 * can answer graph commands from these options before it loads Nest.
 * @param database whether the command needs the app's DataSource (`commandNeedsDatabase`)
 */
export function demoMigrationOptions(database: boolean): DemoMigrationOptions {
  // With ANALYTICS_DATABASE_URL the app has a second database, and one history migrates both
  // (a migrations directory made with `init --multidb`). MigrationModule then finds each
  // database by its TypeORM name, so every command loads TypeORM.
  const analyticsUrl = process.env.ANALYTICS_DATABASE_URL || undefined;
  const withTypeOrm = database || analyticsUrl !== undefined;
  const databases = !withTypeOrm
    ? { dataSource: { url: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL } }
    : analyticsUrl === undefined
      ? {}
      : { databases: ['default', 'analytics'] };
  // TENANT_DATABASE_URLS=acme=sqlite:acme.db,...: one database per tenant, for `upgrade --tenants`.
  const tenants = tenantsFromEnv(process.env.TENANT_DATABASE_URLS);
  return { options: { renderAsBatch: true, ...databases, ...(tenants ? { tenants } : {}) }, withTypeOrm, analyticsUrl };
}
