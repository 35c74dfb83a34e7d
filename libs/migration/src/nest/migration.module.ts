import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Migrate } from './migrate.service';
import { ConfigurableMigrationModule } from './migration.module-definition';

/**
 * Migrations for a Nest app: `MigrationModule.forRoot({ ... })` or `forRootAsync({ imports,
 * inject, useFactory })`, `isGlobal` to share the `Migrate` service everywhere. The CLI's
 * commands are not here: `runMigrationCli` adds them (MigrationCliModule).
 */
@Module({
  imports: [DiscoveryModule],
  providers: [Migrate],
  exports: [Migrate],
})
export class MigrationModule extends ConfigurableMigrationModule {}
