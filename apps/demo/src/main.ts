import { answerFromFiles, commandNeedsDatabase } from '@nest-migrate/migration/fast-path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DATABASE_URL, demoMigrationOptions } from './migration-options';

// Nest, the app's modules and the library's Nest adapter load only once they are needed (`await
// import`), after the graph commands have had their chance to answer from the files alone.

async function serve(): Promise<void> {
  const [{ Logger }, { NestFactory }, { AppModule }] = await Promise.all([
    import('@nestjs/common'),
    import('@nestjs/core'),
    import('./app.module'),
  ]);
  // Nest and @nestjs/typeorm log a failed boot several times, each with a stack. Buffering
  // the logs and flushing them only once the app is up leaves a failed boot to the one
  // line printed below (DEBUG shows the buffered detail).
  const app = await NestFactory.create(AppModule.register({ cli: false }), { abortOnError: false, bufferLogs: true, autoFlushLogs: false });
  app.flushLogs();
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000));
  const { port } = app.getHttpServer().address() as AddressInfo;
  new Logger('Bootstrap').log(`Listening on port ${port}`);
}

async function startupFailure(error: unknown): Promise<string> {
  const { connectionError, MigrationError, parseDatabaseUrl } = await import('@nest-migrate/migration/core');
  if (error instanceof MigrationError) {
    return error.message;
  }
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  return `the demo could not start: ${connectionError(target, error).message}`;
}

async function main(args: string[]): Promise<number> {
  if (args.length > 0) {
    // `main.js upgrade`, `nest start -- upgrade`: the migration CLI sets the exit code itself.
    const database = commandNeedsDatabase();
    // The options naming the database by the URL its DataSource is built from: enough for the
    // graph commands and `--sql`, which never connects. With a second database, each is found
    // by its TypeORM name, which only the app knows.
    const byUrl = demoMigrationOptions(false);
    // The demo adds no commands of its own, so its root help is the migration commands'.
    if (!(await answerFromFiles(process.argv, byUrl.withTypeOrm ? undefined : byUrl.options, { appCommands: false }))) {
      const [{ runMigrationCli }, { AppModule }] = await Promise.all([import('@nest-migrate/migration'), import('./app.module')]);
      await runMigrationCli(AppModule.register({ cli: true, database }));
    }
    return Number(process.exitCode ?? 0);
  }
  try {
    await serve();
    return 0;
  } catch (error) {
    if (process.env.DEBUG) {
      (await import('@nestjs/common')).Logger.flush();
      console.error(error);
    }
    process.stderr.write(`error: ${await startupFailure(error)}\n`);
    return 1;
  }
}

// `main.js upgrade --sql | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
