import { Module } from '@nestjs/common';
import { MigrationModule } from '../nest/migration.module';
import { runMigrationCli } from './run-migration-cli';

// runMigrationCli in-process: what reaches stderr and the exit code when the app itself fails.
describe('runMigrationCli', () => {
  let stderr: string;
  const argv = process.argv;
  // runMigrationCli makes stray rejections end the process, as a CLI should; not this test worker.
  const listeners = () => ({ rejection: process.listeners('unhandledRejection'), exception: process.listeners('uncaughtException') });
  let before: ReturnType<typeof listeners>;

  beforeEach(() => {
    before = listeners();
    stderr = '';
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    const after = listeners();
    for (const listener of after.rejection) if (!before.rejection.includes(listener)) process.off('unhandledRejection', listener);
    for (const listener of after.exception) if (!before.exception.includes(listener)) process.off('uncaughtException', listener);
    jest.restoreAllMocks();
    process.argv = argv;
    process.exitCode = undefined;
  });

  function appWhoseProviderThrows(error: Error) {
    @Module({
      imports: [MigrationModule.forRoot({ dataSource: { url: 'sqlite::memory:' } })],
      providers: [{ provide: 'BROKEN', useFactory: () => Promise.reject(error) }],
    })
    class BrokenAppModule {}
    return BrokenAppModule;
  }

  it('a failure of the app before any command runs is one line saying so, exit 1', async () => {
    await runMigrationCli(appWhoseProviderThrows(new Error('Data type "Object" in "User.nickname" is not supported')), {
      argv: ['node', 'main.js', 'current'],
    });
    expect(stderr).toBe(
      'FAILED: the app could not start: Data type "Object" in "User.nickname" is not supported; run again with --verbose for the stack trace\n',
    );
    expect(process.exitCode).toBe(1);
  });

  it('a graph command is answered from the files, without building the app (fast path)', async () => {
    await runMigrationCli(appWhoseProviderThrows(new Error('never built')), { argv: ['node', 'main.js', 'heads', '-d', 'no/such/dir'] });
    expect(stderr).toBe(
      "FAILED: Path doesn't exist: 'no/such/dir'; run the 'init' command to create a migrations directory, or pass --directory\n",
    );
    expect(process.exitCode).toBe(1);
  });

  it("TypeORM's missing driver names the package to install", async () => {
    const missing = Object.assign(new Error('Postgres package has not been found installed. Please run "npm install pg".'), {
      name: 'DriverPackageNotInstalledError',
    });
    await runMigrationCli(appWhoseProviderThrows(missing), { argv: ['node', 'main.js', 'upgrade'] });
    expect(stderr).toBe("FAILED: TypeORM could not load the database driver package 'pg'; install it in the app: npm install pg\n");
    expect(process.exitCode).toBe(1);
  });
});
