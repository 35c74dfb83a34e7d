import { branches } from '../commands/branches';
import { scriptDirectory } from '../commands/environment';
import { heads } from '../commands/heads';
import { history } from '../commands/history';
import { show } from '../commands/show';
import { DEFAULT_DIRECTORY } from '../config/migration-config';
import type { MigrationModuleOptions } from '../nest/migration-module-options.interface';
import { PACKAGE } from '../package-info';
import { cliOutput, GraphPrintOptions, printBranches, printHeads, printHistory, printShow } from './cli-output';
import { commandNeedsDatabase } from './command-needs-database';
import { reportFailure } from './report-failure';

// The entry `@nest-migrate/migration/fast-path` holds what an app's main.ts needs before it loads Nest.
export { commandNeedsDatabase } from './command-needs-database';

/** What `--version` prints. */
export const VERSION_LINE = `${PACKAGE.name} ${PACKAGE.version}`;

/** Each graph command's own options: a flag, or an option taking a value. */
const OWN_OPTIONS: Record<string, Record<string, 'flag' | 'value'>> = {
  heads: { '--resolve-dependencies': 'flag', '--json': 'flag' },
  history: { '-r': 'value', '--rev-range': 'value', '--json': 'flag' },
  branches: { '--json': 'flag' },
  show: { '--json': 'flag' },
};

// The options every migration command takes (MigrationCommand), less -x: it only reaches
// configure callbacks, and an app with callbacks never gets here.
const SHARED_OPTIONS: Record<string, 'flag' | 'value'> = {
  '-d': 'value',
  '--directory': 'value',
  '-v': 'flag',
  '--verbose': 'flag',
  '-q': 'flag',
  '--quiet': 'flag',
};

const LONG_NAMES: Record<string, string> = { '-d': 'directory', '-v': 'verbose', '-q': 'quiet', '-r': 'revRange' };

interface GraphCommand {
  verb: string;
  operands: string[];
  options: Record<string, string | true>;
}

/**
 * Answers `heads`, `history`, `branches`, `show` and `--version` from the migrations directory
 * alone, before Nest builds the application (and, called from an app's `main.ts` before it
 * imports its modules, without loading Nest at all), with the same output, errors and exit
 * code as the full CLI. It declines, leaving the command to the full CLI, for anything it is
 * not sure to answer the same way: another verb, a command that reads the database
 * (`history -i`, `show current`), any option spelling but the plain ones (`--help`, `-x`,
 * clusters such as `-vq`, `--directory=x`, `--`, a repeated option, a value starting with
 * `-`), module options that are not known without building the app (see
 * `staticMigrationOptions`), or `NEST_MIGRATE_FAST_PATH=0` in the environment.
 *
 * @param argv the full argument vector (`process.argv`)
 * @param options the app's `MigrationModule.forRoot` options; undefined when they are not known
 *   without building the app, and the command is then left to the full CLI
 * @returns whether the command was answered (its exit code set on failure)
 */
export function answerFromFiles(argv: readonly string[], options: MigrationModuleOptions | undefined): boolean {
  if (process.env.NEST_MIGRATE_FAST_PATH === '0') return false;
  const args = argv.slice(2);
  if (args.length === 1 && args[0] === '--version') {
    process.stdout.write(`${VERSION_LINE}\n`);
    return true;
  }
  // Tenants are left to the full CLI, which knows what they change.
  if (options === undefined || options.tenants !== undefined || commandNeedsDatabase(argv)) return false;
  const command = parseGraphCommand(args);
  if (command === undefined) return false;
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
    reportFailure(error, argv.includes('--verbose') || process.env.DEBUG !== undefined);
  }
  return true;
}

/** The command, when it is a graph command spelled only in the plain forms this path reads. */
function parseGraphCommand([verb, ...rest]: string[]): GraphCommand | undefined {
  const own = OWN_OPTIONS[verb];
  if (own === undefined) return undefined;
  const known: Record<string, 'flag' | 'value'> = { ...SHARED_OPTIONS, ...own };
  const command: GraphCommand = { verb, operands: [], options: {} };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('-')) {
      command.operands.push(arg);
      continue;
    }
    const kind = known[arg];
    if (kind === undefined) return undefined;
    const name = LONG_NAMES[arg] ?? arg.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (name in command.options) return undefined;
    if (kind === 'flag') {
      command.options[name] = true;
      continue;
    }
    const value = rest[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    command.options[name] = value;
  }
  // show takes one revision; the others none (the full CLI says so as a usage error).
  return command.operands.length <= (verb === 'show' ? 1 : 0) ? command : undefined;
}
