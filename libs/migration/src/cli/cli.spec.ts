import { CommandTestFactory } from 'nest-commander-testing';
import { Migrate } from '../nest/migrate.service';
import { MigrationModule } from '../nest/migration.module';
import { MigrationCliModule } from './migration-cli.module';

// Parsing and wiring of every command, in-process: the Migrate service is replaced by a
// recorder, so no database or migrations directory is needed.
describe('migration CLI commands', () => {
  const migrate = {
    upgrade: jest.fn(async () => ({ steps: [], heads: [] })),
    downgrade: jest.fn(async () => ({ steps: [], heads: [] })),
    stamp: jest.fn(async () => ({ steps: [], heads: [] })),
    current: jest.fn(async () => ({ database: 'sqlite at x.db', heads: [], revisions: [], applied: [] })),
    check: jest.fn(async () => ({ ops: [] })),
    verify: jest.fn(async () => ({ database: 'sqlite at x.db', revisions: [], heads: ['ab12'], problems: [] })),
    history: jest.fn(async () => []),
    heads: jest.fn(async () => []),
    branches: jest.fn(async () => []),
    show: jest.fn(async () => []),
    init: jest.fn(async () => []),
    revision: jest.fn(async () => ({ revision: 'ab12', path: 'migrations/versions/ab12_x.ts' })),
    merge: jest.fn(async () => ({ revision: 'cd34', path: 'migrations/versions/cd34_merge.ts' })),
    importTypeorm: jest.fn(async () => ({ created: [], stamped: undefined })),
    squash: jest.fn(async () => ({ revision: 'ae10', path: 'migrations/versions/ae10_baseline.ts', removed: [] })),
    upgradeTenants: jest.fn(async () => [
      { tenant: 'acme', status: 'upgraded', from: [], to: ['ab12'], revisions: 1, error: null },
      { tenant: 'beta', status: 'current', from: ['ab12'], to: ['ab12'], revisions: 0, error: null },
    ]),
    currentTenants: jest.fn(async () => [{ tenant: 'acme', status: 'ok', heads: [], revisions: [], error: null }]),
    downgradeTenants: jest.fn(async () => [{ tenant: 'acme', status: 'downgraded', from: ['ab12'], to: [], revisions: 1, error: null }]),
  };
  const output = expect.objectContaining({ info: expect.any(Function), sql: expect.any(Function) });

  async function run(...args: string[]): Promise<void> {
    const app = await CommandTestFactory.createTestingCommand({
      imports: [MigrationModule.forRoot({ dataSource: { url: 'sqlite::memory:' } }), MigrationCliModule],
    })
      .overrideProvider(Migrate)
      .useValue(migrate)
      .compile();
    await CommandTestFactory.run(app, args);
  }

  beforeEach(() => jest.clearAllMocks());

  it('upgrade defaults to head and passes --sql, --tag, -x and --directory', async () => {
    await run('upgrade');
    expect(migrate.upgrade).toHaveBeenCalledWith('head', { directory: undefined, xArguments: {}, tag: undefined, output, sql: undefined });
    await run('upgrade', 'base:ae10', '--sql', '--tag', 'prod', '-x', 'a=1', '--x-arg', 'b=2=3', '-d', 'db/migrations');
    expect(migrate.upgrade).toHaveBeenLastCalledWith('base:ae10', {
      directory: 'db/migrations',
      xArguments: { a: '1', b: '2=3' },
      tag: 'prod',
      output,
      sql: true,
    });
  });

  it('import-typeorm passes --baseline, --typeorm-table and each --typeorm-migrations; squash its revision', async () => {
    await run('import-typeorm');
    expect(migrate.importTypeorm).toHaveBeenCalledWith(
      { baseline: undefined, typeormTable: undefined, migrations: undefined },
      expect.objectContaining({ output }),
    );
    await run(
      'import-typeorm',
      '--baseline',
      '--typeorm-table',
      'typeorm_migrations',
      '--typeorm-migrations',
      'src/a/*.ts',
      '--typeorm-migrations',
      'src/b/*.ts',
    );
    expect(migrate.importTypeorm).toHaveBeenLastCalledWith(
      { baseline: true, typeormTable: 'typeorm_migrations', migrations: ['src/a/*.ts', 'src/b/*.ts'] },
      expect.objectContaining({ output }),
    );
    await run('squash', 'ae10', '-d', 'db/migrations');
    expect(migrate.squash).toHaveBeenCalledWith('ae10', expect.objectContaining({ directory: 'db/migrations', output }));
  });

  it('downgrade defaults to -1; stamp takes several revisions and --purge', async () => {
    await run('downgrade');
    expect(migrate.downgrade).toHaveBeenCalledWith('-1', expect.objectContaining({ sql: undefined }));
    await run('stamp', 'ae10', 'bf20', '--purge');
    expect(migrate.stamp).toHaveBeenCalledWith(['ae10', 'bf20'], expect.objectContaining({ purge: true, sql: undefined }));
  });

  it('current, history, heads, branches and show pass their own options', async () => {
    await run('current', '--check-heads');
    expect(migrate.current).toHaveBeenCalledWith(expect.objectContaining({ checkHeads: true }));
    await run('history', '-r', 'ae10:', '-d', 'm');
    expect(migrate.history).toHaveBeenCalledWith(expect.objectContaining({ revRange: 'ae10:', directory: 'm' }));
    expect(migrate.current).toHaveBeenCalledTimes(1);
    await run('heads', '--resolve-dependencies');
    expect(migrate.heads).toHaveBeenCalledWith(expect.objectContaining({ resolveDependencies: true }));
    await run('branches');
    expect(migrate.branches).toHaveBeenCalledTimes(1);
    await run('show');
    expect(migrate.show).toHaveBeenCalledWith('head', expect.any(Object));
  });

  it('init, revision and merge pass their options', async () => {
    await run('init', '-t', 'generic', '-d', 'db');
    expect(migrate.init).toHaveBeenCalledWith(expect.objectContaining({ template: 'generic', directory: 'db' }));
    await run('init', '--multidb');
    expect(migrate.init).toHaveBeenLastCalledWith(expect.objectContaining({ multidb: true, template: undefined }));
    // As in Alembic, --sql is accepted by revision: writing a file never connects anyway.
    await run('revision', '--sql', '-m', 'offline');
    expect(migrate.revision).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'offline' }), expect.any(Object));
    await run(
      'revision',
      '-m',
      'add users',
      '--head',
      'ae10',
      '--splice',
      '--branch-label',
      'users',
      '--version-path',
      'v2',
      '--rev-id',
      'ab12',
      '--depends-on',
      'x',
      '--depends-on',
      'y',
    );
    expect(migrate.revision).toHaveBeenCalledWith(
      { message: 'add users', head: 'ae10', splice: true, branchLabel: 'users', versionPath: 'v2', revId: 'ab12', dependsOn: ['x', 'y'] },
      expect.any(Object),
    );
    await run('merge', 'ae10', 'bf20', '-m', 'merge them');
    expect(migrate.merge).toHaveBeenCalledWith(
      { revisions: ['ae10', 'bf20'], message: 'merge them', branchLabel: undefined, revId: undefined },
      expect.any(Object),
    );
    await run('merge');
    expect(migrate.merge).toHaveBeenLastCalledWith(expect.objectContaining({ revisions: 'heads' }), expect.any(Object));
  });

  it('upgrade and current --tenants pass the tenants and --concurrency, and print the report', async () => {
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((text) => printed.push(String(text)) > 0);
    try {
      await run('upgrade', 'heads', '--tenants', 'acme,beta', '--concurrency', '2');
      expect(migrate.upgradeTenants).toHaveBeenCalledWith(
        'heads',
        expect.objectContaining({ tenants: 'acme,beta', concurrency: '2', output }),
      );
      expect(migrate.upgrade).not.toHaveBeenCalled();
      expect(printed.join('')).toBe(
        'tenant acme: upgraded base -> ab12 (1 revision)\ntenant beta: already at heads (ab12)\n2 tenants: 1 upgraded, 1 already current, 0 failed\n',
      );
      printed.length = 0;
      await run('upgrade', '--tenants', '--json');
      expect(migrate.upgradeTenants).toHaveBeenLastCalledWith('head', expect.objectContaining({ tenants: true, concurrency: undefined }));
      expect(JSON.parse(printed.join(''))).toEqual([
        { tenant: 'acme', status: 'upgraded', from: [], to: ['ab12'], error: null },
        { tenant: 'beta', status: 'current', from: ['ab12'], to: ['ab12'], error: null },
      ]);
      printed.length = 0;
      await run('downgrade', 'base', '--tenants', 'acme');
      expect(migrate.downgradeTenants).toHaveBeenCalledWith('base', expect.objectContaining({ tenants: 'acme', concurrency: undefined }));
      expect(migrate.downgrade).not.toHaveBeenCalled();
      expect(printed.join('')).toBe(
        'tenant acme: downgraded ab12 -> base (1 revision)\n1 tenant: 1 downgraded, 0 already current, 0 failed\n',
      );
      printed.length = 0;
      await run('current', '--tenants', 'all');
      expect(migrate.currentTenants).toHaveBeenCalledWith(expect.objectContaining({ tenants: 'all' }));
      expect(migrate.current).not.toHaveBeenCalled();
      expect(printed.join('')).toBe('tenant  revision\nacme    no revision\n');
    } finally {
      write.mockRestore();
    }
  });

  it('--echo-sql (or -v) on upgrade, downgrade and stamp gives the output a statement sink; without it there is none', async () => {
    const echoing = expect.objectContaining({ statement: expect.any(Function) });
    await run('upgrade', '--echo-sql');
    expect(migrate.upgrade).toHaveBeenLastCalledWith('head', expect.objectContaining({ output: echoing }));
    await run('downgrade', '-v');
    expect(migrate.downgrade).toHaveBeenLastCalledWith('-1', expect.objectContaining({ output: echoing }));
    await run('stamp', 'head', '--echo-sql');
    expect(migrate.stamp).toHaveBeenLastCalledWith(['head'], expect.objectContaining({ output: echoing }));
    await run('upgrade');
    expect((migrate.upgrade.mock.lastCall as unknown as [string, { output: object }])[1].output).not.toHaveProperty('statement');
  });

  it('verify and check pass --allow-multiple-heads', async () => {
    await run('verify');
    expect(migrate.verify).toHaveBeenLastCalledWith(expect.objectContaining({ allowMultipleHeads: undefined }));
    await run('verify', '--allow-multiple-heads', '--json');
    expect(migrate.verify).toHaveBeenLastCalledWith(expect.objectContaining({ allowMultipleHeads: true }));
    await run('check', '--allow-multiple-heads');
    expect(migrate.check).toHaveBeenLastCalledWith(expect.objectContaining({ allowMultipleHeads: true }));
  });

  it('history -i reads the current revisions from the database', async () => {
    await run('history', '-i');
    expect(migrate.current).toHaveBeenCalledTimes(1);
  });
});
