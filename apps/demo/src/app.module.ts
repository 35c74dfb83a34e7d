import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MigrationModule } from '@nest-migrate/migration';
import { DEFAULT_DATABASE_URL, databaseOptions } from './database-options';
import { ENTITIES } from './entities';
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
        MigrationModule.forRoot({ renderAsBatch: true }),
        ...(cli ? [] : [UsersModule, PostsModule]),
      ],
    };
  }
}
