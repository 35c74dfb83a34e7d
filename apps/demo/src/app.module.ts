import { DynamicModule, Module } from '@nestjs/common';
import { MigrationModule } from '@nest-migrate/migration';
import { demoMigrationOptions } from './migration-options';
import { TagNames } from './tags/tag-names.service';

@Module({})
export class AppModule {
  /**
   * The app as an HTTP server, or (`cli`) as the migration CLI. `database: false` is for the
   * CLI commands that read only the migrations directory (`commandNeedsDatabase`): they get the
   * database by its URL, which they never open, instead of the app's DataSource, and
   * DatabaseModule is not even loaded, so they start without TypeORM, the entities or a driver.
   */
  static register({ cli, database = true }: { cli: boolean; database?: boolean }): DynamicModule {
    const { options, withTypeOrm, analyticsUrl } = demoMigrationOptions(database);
    return {
      module: AppModule,
      // Revisions may use it (op.get(TagNames)), so the CLI has it too.
      providers: [TagNames],
      imports: [
        MigrationModule.forRoot(options),
        ...(withTypeOrm ? [import('./database.module').then(({ DatabaseModule }) => DatabaseModule.register({ cli, analyticsUrl }))] : []),
      ],
    };
  }
}
