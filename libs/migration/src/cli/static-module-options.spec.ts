import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MigrationConfig } from '../config/migration-config';
import { MigrationConfigure } from '../nest/migration-configure.decorator';
import { MigrationModule } from '../nest/migration.module';
import { answerFromFiles } from './fast-path';
import { staticMigrationOptions } from './static-module-options';

@Injectable()
class SchemaConfigurer {
  @MigrationConfigure()
  configure(config: MigrationConfig): MigrationConfig {
    return { ...config, directory: 'elsewhere' };
  }
}

@Injectable()
class InheritsConfigurer extends SchemaConfigurer {}

@Injectable()
class PlainService {
  configure(): void {}
}

const URL = { url: 'sqlite:x.db' };

describe('staticMigrationOptions: the forRoot options, when a graph command would see them as the full CLI does', () => {
  it('reads forRoot options from a dynamic root module, and from static imports below it', () => {
    @Module({ imports: [MigrationModule.forRoot({ directory: 'db', dataSource: URL })], providers: [PlainService] })
    class Feature {}
    @Module({ imports: [Feature] })
    class Root {}

    expect(staticMigrationOptions(Root)).toEqual({ directory: 'db', dataSource: URL });
    expect(staticMigrationOptions({ module: Root, imports: [] })).toEqual({ directory: 'db', dataSource: URL });
  });

  it('reads the default DataSource as known when the tree registers it with TypeOrmModule', () => {
    const typeorm = TypeOrmModule.forRoot({ type: 'better-sqlite3', database: ':memory:', manualInitialization: true });
    expect(staticMigrationOptions({ module: class Root {}, imports: [MigrationModule.forRoot({}), typeorm] })).toEqual({});
    const named = TypeOrmModule.forRoot({ name: 'analytics', type: 'better-sqlite3', database: ':memory:', manualInitialization: true });
    const options = { databases: ['default', 'analytics'] };
    expect(staticMigrationOptions({ module: class Root {}, imports: [MigrationModule.forRoot(options), typeorm, named] })).toEqual(options);
    expect(staticMigrationOptions({ module: class Root {}, imports: [MigrationModule.forRoot(options), typeorm] })).toBeUndefined();
  });

  it.each([
    ['a DataSource the tree does not register (the full CLI fails on it)', [MigrationModule.forRoot({})]],
    ['forRootAsync, whose options only the app can make', [MigrationModule.forRootAsync({ useFactory: () => ({ dataSource: URL }) })]],
    ['configure callbacks in the options', [MigrationModule.forRoot({ dataSource: URL, configure: [(config) => config] })]],
    [
      'dataSource and databases together (the full CLI refuses them)',
      [MigrationModule.forRoot({ dataSource: URL, databases: ['default'] })],
    ],
    ['no MigrationModule', []],
    ['two MigrationModules', [MigrationModule.forRoot({ dataSource: URL }), MigrationModule.forRoot({ directory: 'b', dataSource: URL })]],
    ['an import given as a promise', [MigrationModule.forRoot({ dataSource: URL }), Promise.resolve({ module: class Later {} })]],
  ])('is undefined with %s', (_, imports) => {
    expect(staticMigrationOptions({ module: class Root {}, imports })).toBeUndefined();
  });

  it.each([
    ['a class provider', SchemaConfigurer],
    ['a class extending one', InheritsConfigurer],
    ['useClass', { provide: 'CONFIGURER', useClass: SchemaConfigurer }],
  ])('is undefined when %s holds a @MigrationConfigure() method', (_, provider) => {
    expect(
      staticMigrationOptions({ module: class Root {}, imports: [MigrationModule.forRoot({ dataSource: URL })], providers: [provider] }),
    ).toBeUndefined();
  });
});

describe('answerFromFiles leaves to the full CLI what it cannot answer the same way', () => {
  const options = { dataSource: URL };
  let written: string[];
  let write: jest.SpyInstance;

  beforeEach(() => {
    written = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((text) => written.push(String(text)) > 0);
  });

  afterEach(() => write.mockRestore());

  it.each([
    [['upgrade']],
    [['upgrade', 'head']],
    [['upgrade', '--sql', '-x', 'a=b']],
    [['upgrade', '--sql', '--echo-sql']],
    [['downgrade', '-1', '--sql']],
    [['downgrade', '--sql', 'a:b', 'c']],
    [['stamp', '--sql']],
    [['stamp', '--sql', 'head', '--tag']],
    [['current']],
    [['heads', '-vq']],
    [['heads', '--directory=migrations']],
    [['heads', '-d', 'a', '-d', 'b']],
    [['heads', '-d']],
    [['history', '-r', '-1:']],
    [['history', '-i']],
    [['history', '-x', 'a=b']],
    [['history', '--', 'x']],
    [['history', 'extra']],
    [['show', 'current']],
    [['show', 'a', 'b']],
    [['branches', '--resolve-dependencies']],
  ])('%j', async (args) => {
    expect(await answerFromFiles(['node', 'main.js', ...args], options)).toBe(false);
    expect(written).toEqual([]);
  });

  it.each([[{ dataSource: 'default' }], [{ databases: ['default', 'analytics'] }], [{ dataSource: URL, tenants: [] }]])(
    'declines --sql when the options do not name one database by URL: %j',
    async (moduleOptions) => {
      expect(await answerFromFiles(['node', 'main.js', 'upgrade', '--sql'], moduleOptions)).toBe(false);
      expect(written).toEqual([]);
    },
  );

  it.each([[['--help']], [['help']], [['-h']], [['heads', '--help', '-d', 'x']], [['help', 'nope']], [['nope', '--help']]])(
    'declines help it cannot answer as the full CLI would: %j (root help, the app having commands of its own by default)',
    async (args) => {
      expect(await answerFromFiles(['node', 'main.js', ...args], options)).toBe(false);
      expect(written).toEqual([]);
    },
  );

  it("answers root help when told the app has no commands of its own, and a command's help in any case", async () => {
    expect(await answerFromFiles(['node', 'main.js', '--help'], undefined, { appCommands: false, name: 'migrate-cli' })).toBe(true);
    expect(await answerFromFiles(['node', 'main.js', 'heads', '--help'], undefined, { name: 'migrate-cli' })).toBe(true);
    expect(written.join('')).toMatch(/^Usage: migrate-cli \[options\] \[command\][\s\S]*Usage: migrate-cli heads \[options\]\n/);
  });

  it.each([
    [['heads', '--resolve-dependencies', '--json', '-d', 'nowhere']],
    [['history', '-r', 'base:heads', '-v', '--directory', 'nowhere']],
    [['history', '--rev-range', 'base:heads', '--verbose', '-q', '-d', 'nowhere']],
    [['show', 'head', '--json', '--quiet', '-d', 'nowhere']],
    [['branches', '--json', '-d', 'nowhere']],
  ])('answers every spelling of the options it reads: %j (here with a missing directory)', async (args) => {
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await answerFromFiles(['node', 'main.js', ...args], options)).toBe(true);
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^FAILED: Path doesn't exist: 'nowhere'/));
    } finally {
      errors.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('declines every command when the options are not known, but for --version', async () => {
    expect(await answerFromFiles(['node', 'main.js', 'heads'], undefined)).toBe(false);
    expect(await answerFromFiles(['node', 'main.js', '--version'], undefined)).toBe(true);
    expect(written).toEqual([`@nest-migrate/migration ${(require('../../package.json') as { version: string }).version}\n`]);
  });

  it('declines everything with NEST_MIGRATE_FAST_PATH=0', async () => {
    process.env.NEST_MIGRATE_FAST_PATH = '0';
    try {
      expect(await answerFromFiles(['node', 'main.js', '--version'], options)).toBe(false);
    } finally {
      delete process.env.NEST_MIGRATE_FAST_PATH;
    }
    expect(written).toEqual([]);
  });
});
