import { Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Command as CommanderCommand } from 'commander';
import { CommandRunner, Option } from 'nest-commander';
import { OPTIONS } from './command-specs';
import { CommandError } from '../errors';
import { CommandFlags, Migrate } from '../nest/migrate.service';
import { cliOutput } from './cli-output';

/** The options every command takes, as nest-commander hands them over. */
export interface SharedOptions {
  directory?: string;
  xArg?: string[];
  verbose?: boolean;
  quiet?: boolean;
  tag?: string;
}

/**
 * Base of every migration command: the shared options (`--directory`, `-x`, `--verbose`,
 * `--quiet`) and their translation into the `Migrate` service's flags.
 */
export abstract class MigrationCommand extends CommandRunner {
  @Inject(ModuleRef) private readonly moduleRef!: ModuleRef;

  /**
   * The app's `Migrate` service. The commands live in MigrationCliModule, beside the app's
   * modules rather than inside MigrationModule, so they find the service in the whole app.
   */
  protected get migrate(): Migrate {
    try {
      return this.moduleRef.get(Migrate, { strict: false });
    } catch {
      throw new CommandError(
        'The app given to runMigrationCli imports no MigrationModule; add MigrationModule.forRoot({ ... }) to its imports',
      );
    }
  }

  override setCommand(command: CommanderCommand): this {
    // A usage error ends with the command's usage line; the line is built when the error happens,
    // after nest-commander has added the arguments and options.
    // Subcommands do not inherit the root's exit override: without one, a usage error would exit(1) here.
    command.exitOverride((error) => {
      throw error;
    });
    // `init foo` or `upgrade a b`: an operand the command does not take is bad usage, not ignored.
    command.allowExcessArguments(false);
    command.configureOutput({
      outputError: (text, write) => write(`${text}usage: ${command.parent?.name() ?? 'main'} ${command.name()} ${command.usage()}\n`),
    });
    return super.setCommand(command);
  }

  @Option(OPTIONS.directory)
  parseDirectory(value: string): string {
    return value;
  }

  @Option(OPTIONS.xArg)
  parseXArg(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option(OPTIONS.verbose)
  parseVerbose(): boolean {
    return true;
  }

  @Option(OPTIONS.quiet)
  parseQuiet(): boolean {
    return true;
  }

  /** The service flags for these options; `echoSql` prints each statement as it runs. */
  protected flags(options: SharedOptions, echoSql = false): CommandFlags {
    const xArguments: Record<string, string> = {};
    for (const pair of options.xArg ?? []) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new CommandError(`-x takes key=value, not '${pair}'`);
      xArguments[pair.slice(0, at)] = pair.slice(at + 1);
    }
    return { directory: options.directory, xArguments, tag: options.tag, output: cliOutput(options.quiet ?? false, echoSql) };
  }
}
