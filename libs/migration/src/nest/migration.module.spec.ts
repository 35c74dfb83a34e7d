import { Test } from '@nestjs/testing';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationModule } from './migration.module';

describe('MigrationModule', () => {
  // The built package entry, in a fresh Node process (Jest's registry would hide what loads):
  // the CLI's command classes and nest-commander come only with runMigrationCli.
  it('an HTTP app that imports it loads no nest-commander', () => {
    const entry = join(__dirname, '../../dist/index.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing; run npm run build first`);
    const script = `
      require('reflect-metadata');
      const { Module } = require('@nestjs/common');
      const { NestFactory } = require('@nestjs/core');
      const { MigrationModule, Migrate } = require(${JSON.stringify(entry)});
      class AppModule {}
      Module({ imports: [MigrationModule.forRoot({ dataSource: { url: 'sqlite::memory:' } })] })(AppModule);
      NestFactory.createApplicationContext(AppModule, { logger: false }).then(async (app) => {
        const migrate = app.get(Migrate);
        const config = await migrate.config('heads');
        await app.close();
        const packages = new Set(Object.keys(require.cache).flatMap((file) => {
          const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);
          return match ? [match[1]] : [];
        }));
        const commandFiles = Object.keys(require.cache).filter((file) => file.includes('/dist/cli/') && file.endsWith('.command.js'));
        console.log(JSON.stringify({ database: config.database, cli: ['nest-commander', 'commander'].filter((name) => packages.has(name)), commandFiles }));
      });
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ database: { url: 'sqlite::memory:' }, cli: [], commandFiles: [] });
  });

  it('refuses dataSource and databases together as the app starts, before any command', async () => {
    const compiling = Test.createTestingModule({
      imports: [MigrationModule.forRoot({ dataSource: { url: 'sqlite::memory:' }, databases: ['default', 'analytics'] })],
    }).compile();
    await expect(compiling).rejects.toThrow("MigrationModule takes dataSource or databases, not both; list every database in 'databases'");
  });
});
