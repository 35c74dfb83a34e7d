import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DEFAULT_DATABASE_URL, databaseOptions } from './database-options';
import { ANALYTICS_ENTITIES, ENTITIES } from './entities';
import { PostsModule } from './posts/posts.module';
import { UsersModule } from './users/users.module';

@Module({})
export class DatabaseModule {
  /**
   * TypeORM over the demo's entities (and, given `analyticsUrl`, a second DataSource named
   * `analytics`) and, for the HTTP server, the feature modules. The CLI (`cli`) leaves the
   * DataSources unconnected (TypeORM's `manualInitialization`): the migration commands connect
   * only when they need the database, so `upgrade --sql` works with the server down. The
   * feature modules, whose repositories need a connected DataSource, stay out of the CLI.
   */
  static register({ cli, analyticsUrl }: { cli: boolean; analyticsUrl?: string }): DynamicModule {
    return {
      module: DatabaseModule,
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
        ...(cli ? [] : [UsersModule, PostsModule]),
      ],
    };
  }
}
