import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { commandNeedsDatabase, connectionError, MigrationError, parseDatabaseUrl, runMigrationCli } from '@nest-migrate/migration';
import { DEFAULT_DATABASE_URL } from './database-options';

async function serve(): Promise<void> {
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

function startupFailure(error: unknown): string {
  if (error instanceof MigrationError) {
    return error.message;
  }
  const target = parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  return `the demo could not start: ${connectionError(target, error).message}`;
}

async function main(args: string[]): Promise<number> {
  if (args.length > 0) {
    // `main.js upgrade`, `nest start -- upgrade`: the migration CLI sets the exit code itself.
    await runMigrationCli(AppModule.register({ cli: true, database: commandNeedsDatabase() }));
    return Number(process.exitCode ?? 0);
  }
  try {
    await serve();
    return 0;
  } catch (error) {
    if (process.env.DEBUG) {
      Logger.flush();
      console.error(error);
    }
    process.stderr.write(`error: ${startupFailure(error)}\n`);
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
