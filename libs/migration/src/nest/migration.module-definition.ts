import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { MigrationModuleOptions } from './migration-module-options.interface';

export const {
  ConfigurableModuleClass: ConfigurableMigrationModule,
  MODULE_OPTIONS_TOKEN: MIGRATION_MODULE_OPTIONS,
  OPTIONS_TYPE: MIGRATION_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MIGRATION_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<MigrationModuleOptions>({ moduleName: 'Migration' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
