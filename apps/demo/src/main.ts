import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { runCli } from './cli';
import { DEFAULT_DATABASE_URL, DatabaseUrlError, describeDatabase } from './database-options';

async function serve(): Promise<void> {
  // Nest and @nestjs/typeorm log a failed boot several times, each with a stack. Buffering
  // the logs and flushing them only once the app is up leaves a failed boot to the one
  // line printed below (DEBUG shows the buffered detail).
  const app = await NestFactory.create(AppModule, { abortOnError: false, bufferLogs: true, autoFlushLogs: false });
  app.flushLogs();
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000));
  const { port } = app.getHttpServer().address() as AddressInfo;
  new Logger('Bootstrap').log(`Listening on port ${port}`);
}

function oneLine(error: unknown): string {
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const cause = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  const text = cause instanceof Error ? cause.message || cause.name : String(cause);
  return text.split('\n')[0];
}

function startupFailure(error: unknown): string {
  if (error instanceof DatabaseUrlError) {
    return error.message;
  }
  const database = describeDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  return `the demo could not start with ${database}: ${oneLine(error)}`;
}

async function main(args: string[]): Promise<number> {
  if (args.length > 0) {
    return runCli(args);
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

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
