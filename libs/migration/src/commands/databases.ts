import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { MigrationConfig } from '../config/migration-config';
import type { ResolvedConfig } from '../config/resolve-config';
import { CommandError, messageOf, MigrationError } from '../errors';
import type { RunOptions, RunResult } from '../runtime/migration-context';
import type { DatabaseAccess } from '../runtime/sqlite-file';
import { checkDatabaseBlock } from '../script/revision-writer';
import type { ScriptDirectory } from '../script/script-directory';
import { SCRIPT_TEMPLATE_FILE } from '../script/templates';
import { Environment, resolve, withEnvironment } from './environment';
import { scriptDirectory } from './script-directory';
import type { Output } from './output';
import { dialectFor } from '../dialects/registry';

/**
 * One configuration, or one per database when a history manages several (multidb): each
 * with its `databaseName`, the primary first.
 */
export type Configs = MigrationConfig | readonly MigrationConfig[];

/** One database's environment in a multi-database command. */
export interface NamedEnvironment {
  name: string;
  env: Environment;
}

/** One database's result in a multi-database run. */
export type DatabaseRunResult = RunResult & { database: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The configurations of a command, checked and resolved (see `resolve`): several need distinct
 * names that can end a function name (`upgrade_<name>`), and all must share the one migrations
 * directory.
 */
export function configList(configs: Configs): ResolvedConfig[] {
  if (!isMany(configs)) return [resolve(configs)];
  if (configs.length === 0) throw new CommandError('No databases configured; list at least one in the databases option');
  const seen = new Set<string>();
  for (const config of configs) {
    const name = config.databaseName;
    if (name === undefined) throw new CommandError('Every configuration of several databases needs its databaseName');
    if (!IDENTIFIER.test(name)) {
      throw new CommandError(
        `Database name '${name}' cannot name the functions upgrade_${name}/downgrade_${name} of a revision file; use letters, digits and _`,
      );
    }
    if (seen.has(name)) throw new CommandError(`Database '${name}' is listed twice; give each database one entry`);
    seen.add(name);
    if (config.directory !== configs[0].directory) {
      throw new CommandError(
        `Database '${name}' is configured with migrations directory ${config.directory}, but ${configs[0].databaseName} with ${configs[0].directory}; one history serves every database`,
      );
    }
    if (String(config.versionLocations) !== String(configs[0].versionLocations)) {
      throw new CommandError(
        `Database '${name}' is configured with version locations ${config.versionLocations ?? 'default'}, but ${configs[0].databaseName} with ${configs[0].versionLocations ?? 'default'}; one history serves every database`,
      );
    }
  }
  return configs.map(resolve);
}

export function isMany(configs: Configs): configs is readonly MigrationConfig[] {
  return Array.isArray(configs);
}

/** Opens every database's environment (connecting to each, in order), runs `fn`, and closes them all. */
export async function withEnvironments<T>(
  configs: readonly ResolvedConfig[],
  options: { offline: boolean; output: Output; access?: DatabaseAccess },
  fn: (envs: NamedEnvironment[]) => Promise<T>,
): Promise<T> {
  const envs: NamedEnvironment[] = [];
  // One history: its files are read once, not once per database.
  const script = scriptDirectory(configs[0], options.output);
  const open = async (i: number): Promise<T> => {
    if (i === configs.length) return fn(envs);
    const name = configs[i].databaseName;
    try {
      return await withEnvironment(configs[i], { ...options, script }, (env) => {
        envs.push({ name: name ?? 'default', env });
        return open(i + 1);
      });
    } catch (error) {
      // Database i never opened: with several, a connection error says which one it is (a
      // CommandError, such as a missing directory, is the same for all of them).
      if (envs.length === i && name !== undefined && !(error instanceof CommandError))
        throw new DatabaseFailedError(name, undefined, error);
      throw error;
    }
  };
  return open(0);
}

/**
 * A step failed in one database of several. The message says which database, why, and what
 * every version table records after the rollback, so the user knows what was left applied.
 */
export class DatabaseFailedError extends MigrationError {
  /**
   * @param states what each version table records after the rollback; undefined when the
   *   failure came while planning or loading, before any database changed
   */
  constructor(
    readonly database: string,
    readonly states: string | undefined,
    cause: unknown,
  ) {
    super(
      states === undefined
        ? `database ${database}: ${messageOf(cause)}`
        : `database ${database} failed: ${messageOf(cause)}; version tables now record: ${states}`,
      { cause },
    );
  }
}

/**
 * Runs an upgrade, downgrade or stamp on every database. One database: its MigrationContext
 * does everything. Several, online: every database is locked and planned first, then each is
 * migrated in order inside its own transaction, and the transactions are committed only when
 * all databases succeeded (with `twoPhase`, prepared first); a failure anywhere rolls back
 * every transaction still open. Offline, the script is written only once it is whole, with one
 * section per database when there are several.
 *
 * @returns the primary database's result, with every database's in `databases` when there are several
 */
export async function runOnDatabases(
  configs: Configs,
  options: { sql: boolean; output: Output },
  runFor: (script: ScriptDirectory) => RunOptions,
): Promise<RunResult> {
  const list = configList(configs);
  checkDirectoryShape(list, isMany(configs));
  const { output } = options;
  if (!isMany(configs)) {
    const run = ({ script, context }: Environment) => context.run(runFor(script));
    if (!options.sql) return withEnvironment(list[0], { offline: false, output }, run);
    // The script is written once it is whole: a revision that fails part way leaves no partial script.
    let text = '';
    const buffered: Output = { ...output, sql: (sql) => void (text += sql) };
    const result = await withEnvironment(list[0], { offline: true, output: buffered }, run);
    output.sql(text);
    return result;
  }
  const databases: DatabaseRunResult[] = [];
  if (options.sql) {
    // Each section is written only once every database's has been made: a revision that cannot
    // run in a later database leaves no partial script.
    const sections: string[] = [];
    const script = scriptDirectory(list[0], output);
    for (const config of list) {
      let section = `-- Database: ${config.databaseName}\n\n`;
      const buffered: Output = { ...output, sql: (text) => void (section += text) };
      const name = config.databaseName ?? '';
      const result = await withEnvironment(config, { offline: true, output: buffered, script }, ({ context }) =>
        context.run(runFor(script)).catch((error: unknown) => {
          throw new DatabaseFailedError(name, undefined, error);
        }),
      );
      databases.push({ database: name, ...result });
      sections.push(section);
    }
    for (const section of sections) output.sql(section);
  } else {
    const twoPhase = list[0].twoPhase ?? false;
    await withEnvironments(list, { offline: false, output }, async (envs) => {
      databases.push(...(await runTogether(envs, runFor, output, twoPhase)));
    });
  }
  return { from: databases[0].from, steps: databases[0].steps, heads: databases[0].heads, databases };
}

/**
 * A migrations directory made for one database cannot be run for several, nor the reverse: its
 * template says which it was made for. Checked here because `stamp` runs no revision file
 * that would tell.
 */
function checkDirectoryShape(list: readonly ResolvedConfig[], many: boolean): void {
  const { fs } = list[0];
  const path = posix.join(list[0].directory, SCRIPT_TEMPLATE_FILE);
  if (!fs.exists(path)) return;
  checkDatabaseBlock(fs.readFile(path), path, many ? list.map((config) => ({ name: config.databaseName ?? '' })) : undefined);
}

async function runTogether(
  envs: NamedEnvironment[],
  runFor: (script: ScriptDirectory) => RunOptions,
  output: Output,
  twoPhase: boolean,
): Promise<DatabaseRunResult[]> {
  const before = new Map<string, string[]>();
  let current = envs[0].name;
  if (twoPhase) await checkTwoPhase(envs);
  for (const { name, env } of envs) {
    try {
      await env.context.start(runFor(env.script));
    } catch (error) {
      // Planning and loading change nothing: say which database, not what the tables record.
      for (const other of envs) await other.env.context.abort();
      throw new DatabaseFailedError(name, undefined, error);
    }
    before.set(name, [...env.context.startingHeads]);
  }
  try {
    const results: DatabaseRunResult[] = [];
    for (const { name, env } of envs) {
      current = name;
      output.info(`Migrating database ${name}`);
      results.push({ database: name, ...(await env.context.migrate()) });
    }
    if (twoPhase) {
      const id = `nest_migrate_${randomBytes(8).toString('hex')}`;
      for (const [i, { name, env }] of envs.entries()) {
        current = name;
        await env.context.prepare(`${id}_${i}`);
      }
    }
    for (const { name, env } of envs) {
      current = name;
      await env.context.commit();
    }
    return results;
  } catch (error) {
    for (const { env } of envs) await env.context.abort();
    throw new DatabaseFailedError(current, await describeStates(envs, before), error);
  }
}

/** `default at ab12 (unchanged), analytics at no revision (was cd34)`, read from the version tables. */
async function describeStates(envs: NamedEnvironment[], before: Map<string, string[]>): Promise<string> {
  const states: string[] = [];
  for (const { name, env } of envs) {
    const was = before.get(name);
    let heads: string[];
    try {
      heads = await env.versionTable.currentHeads();
    } catch {
      states.push(`${name} unknown (the connection failed)`);
      continue;
    }
    const change = was === undefined ? '' : sameHeads(was, heads) ? ' (unchanged)' : ` (was ${listHeads(was)})`;
    states.push(`${name} at ${listHeads(heads)}${change}`);
  }
  return states.join(', ');
}

function sameHeads(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function listHeads(heads: readonly string[]): string {
  return heads.length === 0 ? 'no revision' : heads.join(' ');
}

/**
 * Two-phase commit is PostgreSQL's alone here, and off on a server until max_prepared_transactions
 * is raised. What the configuration can fix is checked for every database before the servers are asked.
 */
async function checkTwoPhase(envs: NamedEnvironment[]): Promise<void> {
  for (const { name, env } of envs) {
    if (!dialectFor(env.dialect).schema.hasTwoPhaseCommit) {
      throw new CommandError(`twoPhase needs PostgreSQL for every database, and ${name} is ${env.dialect}; turn twoPhase off`);
    }
    if (env.context.mode !== 'all') {
      throw new CommandError(`twoPhase needs transactionMode 'all', and ${name} uses '${env.context.mode}'`);
    }
  }
  for (const { name, env } of envs) {
    const rows = (await env.connection?.runner.query('SHOW max_prepared_transactions')) as { max_prepared_transactions: string }[];
    if (Number(rows[0]?.max_prepared_transactions ?? 0) === 0) {
      throw new CommandError(
        `database ${name} cannot take part in a two-phase commit: its server has max_prepared_transactions = 0; ` +
          'raise it in postgresql.conf and restart the server, or turn twoPhase off',
      );
    }
  }
}
