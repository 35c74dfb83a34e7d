import { branches } from '../commands/branches';
import { scriptDirectory } from '../commands/script-directory';
import { heads } from '../commands/heads';
import { history } from '../commands/history';
import { show } from '../commands/show';
import { DEFAULT_DIRECTORY } from '../config/migration-config';
import type { MigrationModuleOptions } from '../nest/migration-module-options.interface';
import { cliOutput, GraphPrintOptions, printBranches, printHeads, printHistory, printShow } from './cli-output';
import { commandNeedsDatabase } from './command-needs-database';
import { OPTIONS, OptionSpec } from './command-specs';
import type { ParsedCommand } from './offline-sql';
import { reportFailure, wantsStack } from './report-failure';
import { startedAs } from './started-as';
import { VERSION_LINE } from './version';

// The entry `@nest-migrate/migration/fast-path` holds what an app's main.ts needs before it loads Nest.
export { commandNeedsDatabase } from './command-needs-database';
export { VERSION_LINE } from './version';

/** What the fast path knows of the CLI besides the module's options. */
export interface FastPathOptions {
  /** The program name usage lines show, as given to `runMigrationCli`; by default how the app was started (`node dist/main.js`). */
  name?: string;
  /**
   * Whether the app adds nest-commander commands of its own. The root help (`--help`, `help`)
   * would list them, so it is answered only when this is false; a command's help always is.
   */
  appCommands?: boolean;
}

/**
 * The commands this path answers, with the options it reads (a subset of each command's options in
 * `command-specs.ts`, whose spellings it takes) and how many operands each takes. The options it
 * leaves to the full CLI: -x (repeatable, which this reader does not do, and rare), `--echo-sql`
 * and `--tenants` (online only), `history -i`, `--graph` and `--format`.
 */
const COMMANDS: Record<string, { options: readonly OptionSpec[]; operands: [number, number] }> = {
  heads: { options: [OPTIONS.resolveDependencies, OPTIONS.json], operands: [0, 0] },
  history: { options: [OPTIONS.revRange, OPTIONS.json], operands: [0, 0] },
  branches: { options: [OPTIONS.json], operands: [0, 0] },
  show: { options: [OPTIONS.json], operands: [0, 1] },
  // With --sql only (see answerOffline). -v, which also means --echo-sql here, echoes nothing offline.
  upgrade: { options: [OPTIONS.sqlUpgrade, OPTIONS.tag], operands: [0, 1] },
  downgrade: { options: [OPTIONS.sqlDowngrade, OPTIONS.tag], operands: [0, 1] },
  stamp: { options: [OPTIONS.sqlStamp, OPTIONS.tag, OPTIONS.purge], operands: [1, Infinity] },
};

const STEP_VERBS = new Set(['upgrade', 'downgrade', 'stamp']);

const SHARED_OPTIONS = [OPTIONS.directory, OPTIONS.verbose, OPTIONS.quiet];

/** An option's value name (commander's camelCase of the long flag), and whether it takes a value. */
interface Reading {
  name: string;
  takesValue: boolean;
}

/** Each spelling of the options (`-d` and `--directory`), as this path reads it. */
function spellings(options: readonly OptionSpec[]): Map<string, Reading> {
  const read = new Map<string, Reading>();
  for (const { flags } of options) {
    const match = /^(?:(-\w), )?--([\w-]+)( <[^>]+>)?$/.exec(flags);
    // Only plain flags and required values are read here (not `--tenants [names]`).
    if (match === null) throw new Error(`the fast path cannot read the option ${flags}`);
    const [, short, long, value] = match;
    const reading = { name: long.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()), takesValue: value !== undefined };
    read.set(`--${long}`, reading);
    if (short !== undefined) read.set(short, reading);
  }
  return read;
}

/**
 * Answers `heads`, `history`, `branches`, `show` and `--version` from the migrations directory
 * alone, `upgrade`, `downgrade` and `stamp` with `--sql` from the files and the database's URL,
 * and help from the command table (`help.ts`), before Nest builds the application (and, called
 * from an app's `main.ts` before it imports its modules, without loading Nest at all), with the
 * same output, errors and exit code as the full CLI. It declines, leaving the command to the full CLI, for anything it is not sure to
 * answer the same way: another verb, a command that reads the database (`history -i`, `show
 * current`), `--sql` for a database the options do not name by `{ url }`, a revision that asks
 * for the app's providers (`op.get`, `inject`; nothing has been printed then), any option
 * spelling but the plain ones (`-x`, clusters such as `-vq`, `--directory=x`, `--`, a
 * repeated option, a value starting with `-`, so relative revisions such as `-1` too; help
 * mixed with other arguments, and root help for an app with commands of its own), module
 * options that are not known without building the app (see `staticMigrationOptions`), or
 * `NEST_MIGRATE_FAST_PATH=0` in the environment.
 *
 * @param argv the full argument vector (`process.argv`)
 * @param options the app's `MigrationModule.forRoot` options; undefined when they are not known
 *   without building the app, and the command (but for help and `--version`) is then left to
 *   the full CLI
 * @param cli the program name, and whether the app has commands of its own (root help is
 *   answered only when it has none)
 * @returns whether the command was answered (its exit code set on failure)
 */
export async function answerFromFiles(
  argv: readonly string[],
  options: MigrationModuleOptions | undefined,
  cli: FastPathOptions = {},
): Promise<boolean> {
  if (process.env.NEST_MIGRATE_FAST_PATH === '0') return false;
  const args = argv.slice(2);
  if (args.length === 1 && args[0] === '--version') {
    process.stdout.write(`${VERSION_LINE}\n`);
    return true;
  }
  if (args.includes('--help') || args.includes('-h') || args[0] === 'help') {
    // Loaded only here: commander, and the command table.
    const { answerHelp } = await import('./help');
    return answerHelp(argv, cli.name ?? startedAs(argv), cli.appCommands ?? true);
  }
  // Tenants are left to the full CLI, which knows what they change.
  if (options === undefined || options.tenants !== undefined) return false;
  const command = parseCommand(args);
  if (command === undefined) return false;
  if (STEP_VERBS.has(command.verb)) {
    if (command.options.sql !== true || !canRunOffline(options)) return false;
    // Loaded only here: the runtime and the dialects, which graph commands do without.
    const { answerOffline } = await import('./offline-sql');
    return answerOffline(command, options, argv);
  }
  if (commandNeedsDatabase(argv)) return false;
  answerGraphCommand(command, options, argv);
  return true;
}

/** `--sql` needs the dialect without the app: a database named by URL, and one database. */
function canRunOffline(options: MigrationModuleOptions): boolean {
  const { dataSource, databases } = options;
  return databases === undefined && typeof dataSource === 'object' && 'url' in dataSource;
}

function answerGraphCommand(command: ParsedCommand, options: MigrationModuleOptions, argv: readonly string[]): void {
  const print: GraphPrintOptions = { json: command.options.json === true, verbose: command.options.verbose === true };
  const output = cliOutput(command.options.quiet === true);
  const directory = (command.options.directory as string | undefined) ?? options.directory ?? DEFAULT_DIRECTORY;
  try {
    const script = () => scriptDirectory({ directory, versionLocations: options.versionLocations }, output);
    if (command.verb === 'heads') printHeads(heads(script(), { resolveDependencies: command.options.resolveDependencies === true }), print);
    else if (command.verb === 'history') printHistory(history(script(), command.options.revRange as string | undefined), print);
    else if (command.verb === 'show') printShow(show(script(), command.operands[0] ?? 'head'), print);
    else printBranches(branches(script()), print);
  } catch (error) {
    reportFailure(error, wantsStack(argv));
  }
}

/** The command, when this path knows it and it is spelled only in the plain forms this path reads. */
function parseCommand([verb, ...rest]: string[]): ParsedCommand | undefined {
  const spec = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
  if (spec === undefined) return undefined;
  const known = spellings([...SHARED_OPTIONS, ...spec.options]);
  const command: ParsedCommand = { verb, operands: [], options: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('-')) {
      command.operands.push(arg);
      continue;
    }
    const reading = known.get(arg);
    if (reading === undefined || reading.name in command.options) return undefined;
    if (!reading.takesValue) {
      command.options[reading.name] = true;
      continue;
    }
    const value = rest[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    command.options[reading.name] = value;
  }
  // Too many or too few operands: the full CLI says so as a usage error.
  const [least, most] = spec.operands;
  return command.operands.length >= least && command.operands.length <= most ? command : undefined;
}
