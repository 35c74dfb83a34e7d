import { DynamicModule, Module } from '@nestjs/common';
import { MigrationModule } from '@nest-migrate/migration';
import { DEFAULT_DATABASE_URL } from './database-options';
import { TagNames } from './tags/tag-names.service';
import { tenantsFromEnv } from './tenant-urls';

@Module({})
export class AppModule {
  /**
   * The app as an HTTP server, or (`cli`) as the migration CLI. `database: false` is for the
   * CLI commands that read only the migrations directory (`commandNeedsDatabase`): they get the
   * database by its URL, which they never open, instead of the app's DataSource, and
   * DatabaseModule is not even loaded, so they start without TypeORM, the entities or a driver.
   */
  static register({ cli, database = true }: { cli: boolean; database?: boolean }): DynamicModule {
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
    return {
      module: AppModule,
      // Revisions may use it (op.get(TagNames)), so the CLI has it too.
      providers: [TagNames],
      imports: [
        MigrationModule.forRoot({ renderAsBatch: true, ...databases, ...(tenants ? { tenants } : {}) }),
        ...(withTypeOrm ? [import('./database.module').then(({ DatabaseModule }) => DatabaseModule.register({ cli, analyticsUrl }))] : []),
      ],
    };
  }
}
