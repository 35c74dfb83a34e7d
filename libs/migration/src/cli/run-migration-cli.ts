import { DynamicModule, Module, Type } from '@nestjs/common';
import type { Command as CommanderCommand } from 'commander';
import { answerFromFiles } from './fast-path';
import { reportFailure, stopOnStrayErrors, wantsStack } from './report-failure';
import { startedAs } from './started-as';
import { staticMigrationOptions } from './static-module-options';
import { VERSION_FLAGS, VERSION_LINE } from './version';

/** How the CLI presents itself. */
export interface MigrationCliOptions {
  /** The argument vector, `process.argv` by default. */
  argv?: string[];
  /**
   * The command name that help and usage lines show, such as `npm run migration --`. By
   * default it is how the app was started: `node dist/main.js`.
   */
  name?: string;
}

/**
 * Runs the application as the migration CLI: `node dist/main.js upgrade`, `nest start -- upgrade`.
 * Errors become one `FAILED: ...` line on stderr and a non-zero exit code; the stack trace
 * appears only with `--verbose` or `DEBUG`.
 * @param rootModule the application's root module (it imports `MigrationModule`)
 * @param options the argument vector and the name shown in help
 */
export async function runMigrationCli(rootModule: Type<unknown> | DynamicModule, options: MigrationCliOptions = {}): Promise<void> {
  const argv = options.argv ?? process.argv;
  // Graph commands, --sql and a command's help need no app: answered from the files when the module's options allow.
  if (await answerFromFiles(argv, staticMigrationOptions(rootModule), { name: options.name })) return;
  // Required here, not at the top: the package's entry exports this function, and an app that
  // only serves HTTP must not load nest-commander and the command classes.
  const { CommandFactory, CommandRunnerService } = await import('nest-commander');
  const { MigrationCliModule } = await import('./migration-cli.module');
  const verbose = wantsStack(argv);
  stopOnStrayErrors(verbose);
  // nest-commander parses process.argv itself.
  process.argv = withNegativeRevisionsAsOperands(argv);
  let app: Awaited<ReturnType<typeof CommandFactory.createWithoutRunning>>;
  try {
    // The app's modules, and beside them the commands (which also tell Migrate it runs as the CLI).
    const cliApp: DynamicModule = { module: MigrationCliRootModule, imports: [rootModule, MigrationCliModule] };
    app = await CommandFactory.createWithoutRunning(cliApp as unknown as Type<unknown>, {
      logger: verbose ? ['error', 'warn'] : false,
      // An error while Nest builds the app (a bad DATABASE_URL read by a DataSource factory) is
      // thrown to us instead of ending the process silently, the logger being off.
      abortOnError: false,
      errorHandler: (error) => {
        // Throwing stops commander from calling process.exit; reportFailure sets the code.
        throw error;
      },
      serviceErrorHandler: (error) => reportFailure(error, verbose),
    });
  } catch (error) {
    // The app's own configuration (a DataSource factory, an entity TypeORM rejects) failed
    // before any command ran: not a failure of ours.
    reportFailure(error, verbose, { unexpected: 'the app could not start: ' });
    return;
  }
  try {
    // nest-commander keeps the root commander program to itself; its name is what help shows.
    const program: CommanderCommand = app.get(CommandRunnerService)['commander'];
    program.name(options.name ?? startedAs(argv)).version(VERSION_LINE, ...VERSION_FLAGS);
    await CommandFactory.runApplication(app);
  } catch (error) {
    reportFailure(error, verbose);
  } finally {
    await app.close();
  }
}

/** The module the CLI builds: the app's root module and MigrationCliModule. */
@Module({})
class MigrationCliRootModule {}

/**
 * Relative revisions such as `-1` look like options to commander; Alembic's argparse takes
 * them as arguments. They move behind `--`, where commander reads operands only.
 */
function withNegativeRevisionsAsOperands(argv: string[]): string[] {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end + 1);
  const negative = head.filter((arg) => /^-\d+$/.test(arg));
  if (negative.length === 0) return argv;
  return [...head.filter((arg) => !/^-\d+$/.test(arg)), '--', ...negative, ...tail];
}
