import { Command, CommanderError, Option } from 'commander';
import { COMMANDS, CommandSpec } from './command-specs';
import { VERSION_FLAGS, VERSION_LINE } from './version';

/**
 * Prints the help the full CLI would print for `argv`, from the command table alone: commander
 * builds it as nest-commander does (the same commands, arguments, descriptions and options, in
 * the same order), without loading Nest. Only help is answered: `<command> --help` or `-h`,
 * `help <command>`, and, when the app adds no commands of its own (which the root help would
 * list), `--help`, `-h` and `help`.
 * @param argv the full argument vector
 * @param name the program name usage lines show
 * @param appCommands whether the app adds nest-commander commands of its own
 * @returns whether help was printed (and the exit code set)
 */
export function answerHelp(argv: readonly string[], name: string, appCommands: boolean): boolean {
  const args = argv.slice(2);
  const verbs: readonly string[] = Object.keys(COMMANDS);
  const root = args.length === 1 && ['--help', '-h', 'help'].includes(args[0]);
  const ofCommand =
    args.length === 2 && (args[0] === 'help' ? verbs.includes(args[1]) : verbs.includes(args[0]) && ['--help', '-h'].includes(args[1]));
  if (!(ofCommand || (root && !appCommands))) return false;
  const program = new Command().name(name).version(VERSION_LINE, ...VERSION_FLAGS);
  // commander ends with the help it printed by throwing, once told not to exit itself; subcommands
  // do not inherit that, so each is told too.
  program.exitOverride();
  for (const spec of Object.values(COMMANDS) as CommandSpec[]) program.addCommand(commandFor(spec).exitOverride());
  try {
    program.parse(argv, { from: 'node' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode;
  }
  return true;
}

/** One command as nest-commander's CommandRunnerService builds it: arguments, description, options. */
function commandFor({ meta, options }: CommandSpec): Command {
  const command = new Command(meta.name);
  if (meta.arguments) {
    for (const argument of meta.arguments.split(' ')) {
      // The last key the argument contains names its description, as nest-commander matches them.
      const described = Object.keys(meta.argsDescription ?? {})
        .filter((key) => argument.includes(key))
        .pop();
      command.argument(argument, described === undefined ? '' : meta.argsDescription?.[described]);
    }
  }
  command.description(meta.description);
  for (const { flags, description } of options) {
    command.addOption(new Option(flags, description).default(undefined).preset(undefined).makeOptionMandatory(false));
  }
  return command;
}
