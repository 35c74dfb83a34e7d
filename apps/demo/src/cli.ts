import {
  MigrationConfig,
  MigrationError,
  NodeFileSystem,
  Output,
  ScriptDirectory,
  branches,
  current,
  downgrade,
  formatBranches,
  formatCurrent,
  formatHeads,
  formatHistory,
  formatShow,
  heads,
  history,
  show,
  stamp,
  upgrade,
} from '@nest-migrate/migration';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { DEFAULT_DATABASE_URL } from './database-options';

// The commands of the migration library, wired by hand until the nest-commander CLI
// replaces this file. The graph commands never connect to a database.
const USAGE =
  'usage: main.js {upgrade,downgrade,stamp,current,history,heads,branches,show} [REVISION...] [--directory DIR] ' +
  '[--sql] [--purge] [--check-heads] [-x KEY=VALUE] [--tag TAG] [-v] [-r START:END] [--resolve-dependencies]';

const OPTIONS: ParseArgsConfig['options'] = {
  directory: { type: 'string', short: 'd', default: 'migrations' },
  verbose: { type: 'boolean', short: 'v', default: false },
  'rev-range': { type: 'string', short: 'r' },
  'resolve-dependencies': { type: 'boolean', default: false },
  sql: { type: 'boolean', default: false },
  purge: { type: 'boolean', default: false },
  'check-heads': { type: 'boolean', default: false },
  'x-arg': { type: 'string', short: 'x', multiple: true, default: [] },
  tag: { type: 'string' },
};

interface Values {
  directory: string;
  verbose: boolean;
  'rev-range'?: string;
  'resolve-dependencies': boolean;
  sql: boolean;
  purge: boolean;
  'check-heads': boolean;
  'x-arg': string[];
  tag?: string;
}

// Relative revisions such as `-1` look like options to parseArgs; Alembic's argparse takes
// them as positionals, and so do we.
const NEGATIVE_NUMBER = /^-\d+$/;

// Progress to stderr and the --sql script to stdout, so `upgrade --sql > upgrade.sql` holds only SQL.
const OUTPUT: Output = {
  info: (line) => process.stderr.write(`${line}\n`),
  sql: (text) => process.stdout.write(text),
  warn: (line) => process.stderr.write(`warning: ${line}\n`),
};

/**
 * Runs a command-line verb instead of the HTTP server.
 * @param args the arguments after `main.js`; the first is the verb.
 * @returns the process exit code.
 */
export async function runCli(args: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    const rest = args.slice(1);
    const parsed = parseArgs({ args: rest.filter((a) => !NEGATIVE_NUMBER.test(a)), options: OPTIONS, allowPositionals: true });
    values = parsed.values as unknown as Values;
    // Put the negative numbers back among the other positionals, in the order they were given.
    const others = [...parsed.positionals];
    positionals = rest.flatMap((arg) => (NEGATIVE_NUMBER.test(arg) ? [arg] : arg === others[0] ? [others.shift()!] : []));
  } catch (error) {
    process.stderr.write(`${USAGE}\nerror: ${(error as Error).message}\n`);
    return 2;
  }
  const script = new ScriptDirectory({ directory: values.directory, fs: new NodeFileSystem(), warn: OUTPUT.warn });
  try {
    const lines = await run(args[0], script, values, positionals);
    if (lines === undefined) {
      process.stderr.write(`${USAGE}\nerror: unknown command '${args[0]}'\n`);
      return 2;
    }
    for (const line of lines) process.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MigrationError) || process.env.DEBUG) console.error(error);
    process.stderr.write(`FAILED: ${(error as Error).message}\n`);
    return 1;
  }
}

async function run(verb: string, script: ScriptDirectory, values: Values, positionals: string[]): Promise<string[] | undefined> {
  switch (verb) {
    case 'upgrade':
      await upgrade(config(values), positionals[0] ?? 'head', { sql: values.sql, output: OUTPUT });
      return [];
    case 'downgrade':
      await downgrade(config(values), positionals[0] ?? '-1', { sql: values.sql, output: OUTPUT });
      return [];
    case 'stamp':
      await stamp(config(values), positionals, { sql: values.sql, purge: values.purge, output: OUTPUT });
      return [];
    case 'current':
      return formatCurrent(await current(config(values), { checkHeads: values['check-heads'], output: OUTPUT }), values.verbose);
    case 'history':
      return formatHistory(history(script, values['rev-range']), values.verbose);
    case 'heads':
      return formatHeads(heads(script, { resolveDependencies: values['resolve-dependencies'] }), values.verbose);
    case 'branches':
      return formatBranches(branches(script), values.verbose);
    case 'show':
      return formatShow(show(script, positionals[0] ?? 'head'));
    default:
      return undefined;
  }
}

function config(values: Values): MigrationConfig {
  const xArguments: Record<string, string> = {};
  for (const pair of values['x-arg']) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new MigrationError(`-x takes key=value, not '${pair}'`);
    xArguments[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return {
    directory: values.directory,
    database: { url: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL },
    xArguments,
    tag: values.tag,
  };
}
