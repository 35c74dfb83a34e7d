import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BranchesCommand } from '../cli/branches.command';
import { CheckCommand } from '../cli/check.command';
import { CurrentCommand } from '../cli/current.command';
import { DowngradeCommand } from '../cli/downgrade.command';
import { EditCommand } from '../cli/edit.command';
import { HeadsCommand } from '../cli/heads.command';
import { HistoryCommand } from '../cli/history.command';
import { ImportTypeormCommand } from '../cli/import-typeorm.command';
import { InitCommand } from '../cli/init.command';
import { ListTemplatesCommand } from '../cli/list-templates.command';
import { MergeCommand } from '../cli/merge.command';
import { MigrateCommand } from '../cli/migrate.command';
import { RevisionCommand } from '../cli/revision.command';
import { ShowCommand } from '../cli/show.command';
import { SquashCommand } from '../cli/squash.command';
import { StampCommand } from '../cli/stamp.command';
import { UpgradeCommand } from '../cli/upgrade.command';
import { Migrate } from './migrate.service';
import { ConfigurableMigrationModule } from './migration.module-definition';

// Registered here so that any app importing the module answers `main.js upgrade`; in an HTTP
// run they are idle providers.
const COMMANDS = [
  InitCommand,
  ListTemplatesCommand,
  RevisionCommand,
  MigrateCommand,
  CheckCommand,
  MergeCommand,
  EditCommand,
  UpgradeCommand,
  DowngradeCommand,
  StampCommand,
  ImportTypeormCommand,
  SquashCommand,
  CurrentCommand,
  HistoryCommand,
  HeadsCommand,
  BranchesCommand,
  ShowCommand,
];

/**
 * Migrations for a Nest app: `MigrationModule.forRoot({ ... })` or `forRootAsync({ imports,
 * inject, useFactory })`, `isGlobal` to share the `Migrate` service everywhere.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [Migrate, ...COMMANDS],
  exports: [Migrate],
})
export class MigrationModule extends ConfigurableMigrationModule {}
