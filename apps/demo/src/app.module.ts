import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MigrationModule } from '@nest-migrate/migration';
import { DEFAULT_DATABASE_URL, databaseOptions } from './database-options';
import { ANALYTICS_ENTITIES, ENTITIES } from './entities';
import { PostsModule } from './posts/posts.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /**
   * The app as an HTTP server, or (`cli`) as the migration CLI. The CLI leaves the DataSource
   * unconnected (TypeORM's `manualInitialization`): the migration commands connect only when
   * they need the database, so `history` or `upgrade --sql` work with the server down. The
   * feature modules, whose repositories need a connected DataSource, stay out of the CLI.
   */
  static register({ cli }: { cli: boolean }): DynamicModule {
    // With ANALYTICS_DATABASE_URL the app has a second database, and one history migrates both
    // (a migrations directory made with `init --multidb`).
    const analyticsUrl = process.env.ANALYTICS_DATABASE_URL;
    return {
      module: AppModule,
      imports: [
        // Async so DATABASE_URL is read when the app starts, not when this file is loaded.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...databaseOptions(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
            entities: ENTITIES,
            manualInitialization: cli,
          }),
        }),
        ...(analyticsUrl === undefined
          ? []
          : [
              TypeOrmModule.forRootAsync({
                name: 'analytics',
                // The name again in the options: @nestjs/typeorm finds the DataSource by it at shutdown.
                useFactory: () => ({
                  ...databaseOptions(analyticsUrl),
                  name: 'analytics',
                  entities: ANALYTICS_ENTITIES,
                  manualInitialization: cli,
                }),
              }),
            ]),
        MigrationModule.forRoot({ renderAsBatch: true, ...(analyticsUrl === undefined ? {} : { databases: ['default', 'analytics'] }) }),
        ...(cli ? [] : [UsersModule, PostsModule]),
      ],
    };
  }
}
