import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DEFAULT_DATABASE_URL, databaseOptions } from './database-options';
import { ENTITIES } from './entities';
import { PostsModule } from './posts/posts.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    // Async so DATABASE_URL is read when the app starts, not when this file is loaded.
    TypeOrmModule.forRootAsync({
      useFactory: () => ({
        ...databaseOptions(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
        entities: ENTITIES,
      }),
    }),
    UsersModule,
    PostsModule,
  ],
})
export class AppModule {}
