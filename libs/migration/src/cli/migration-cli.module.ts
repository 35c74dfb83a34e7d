import { Global, Module } from '@nestjs/common';
import { MIGRATION_CLI_MODE } from '../nest/cli-mode';
import { BranchesCommand } from './branches.command';
import { CheckCommand } from './check.command';
import { CurrentCommand } from './current.command';
import { DowngradeCommand } from './downgrade.command';
import { EditCommand } from './edit.command';
import { HeadsCommand } from './heads.command';
import { HistoryCommand } from './history.command';
import { ImportTypeormCommand } from './import-typeorm.command';
import { InitCommand } from './init.command';
import { ListTemplatesCommand } from './list-templates.command';
import { MergeCommand } from './merge.command';
import { MigrateCommand } from './migrate.command';
import { RevisionCommand } from './revision.command';
import { ShowCommand } from './show.command';
import { SquashCommand } from './squash.command';
import { StampCommand } from './stamp.command';
import { UpgradeCommand } from './upgrade.command';
import { VerifyCommand } from './verify.command';

const COMMANDS = [
  InitCommand,
  ListTemplatesCommand,
  RevisionCommand,
  MigrateCommand,
  CheckCommand,
  VerifyCommand,
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
 * The migration CLI: one nest-commander class per verb, and the CLI-mode token. `runMigrationCli`
 * adds it beside the app's root module, so an app that only serves HTTP never loads
 * nest-commander. Global, so that `Migrate` in the app's MigrationModule sees the token.
 */
@Global()
@Module({
  providers: [{ provide: MIGRATION_CLI_MODE, useValue: true }, ...COMMANDS],
  exports: [MIGRATION_CLI_MODE],
})
export class MigrationCliModule {}
