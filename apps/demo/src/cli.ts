import {
  MigrationError,
  NodeFileSystem,
  ScriptDirectory,
  branches,
  formatBranches,
  formatHeads,
  formatHistory,
  formatShow,
  heads,
  history,
  show,
} from '@nest-migrate/migration';
import { parseArgs } from 'node:util';

// The graph commands of the migration library, wired by hand until the nest-commander
// CLI replaces this file. None of them connects to a database.
const USAGE = 'usage: main.js {history,heads,branches,show} [--directory DIR] [-v] [-r START:END] [--resolve-dependencies] [REVISION]';

const OPTIONS = {
  directory: { type: 'string', short: 'd', default: 'migrations' },
  verbose: { type: 'boolean', short: 'v', default: false },
  'rev-range': { type: 'string', short: 'r' },
  'resolve-dependencies': { type: 'boolean', default: false },
} as const;

/**
 * Runs a command-line verb instead of the HTTP server.
 * @param args the arguments after `main.js`; the first is the verb.
 * @returns the process exit code.
 */
export async function runCli(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: args.slice(1), options: OPTIONS, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${USAGE}\nerror: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const script = new ScriptDirectory({
    directory: values.directory,
    fs: new NodeFileSystem(),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  try {
    const lines = run(args[0], script, values, positionals);
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

function run(
  verb: string,
  script: ScriptDirectory,
  values: { verbose: boolean; 'rev-range'?: string; 'resolve-dependencies': boolean },
  positionals: string[],
): string[] | undefined {
  switch (verb) {
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
