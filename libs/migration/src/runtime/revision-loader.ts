import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { messageOf, MigrationError } from '../errors';
import type { MigrationOps } from '../operations/migration-ops';
import type { ProviderToken } from '../operations/provider-token';

/**
 * What a revision file exports: the two steps, and optionally whether to wrap them in a
 * transaction and which of the Nest app's providers they take after `op`.
 */
export interface RevisionModule {
  upgrade(op: MigrationOps, ...services: unknown[]): Promise<void>;
  downgrade(op: MigrationOps, ...services: unknown[]): Promise<void>;
  /** False to run this revision outside a transaction (e.g. CREATE INDEX CONCURRENTLY). */
  transactional?: boolean;
  /** Providers the steps receive after `op`, in this order (`export const inject = [UsersService]`). */
  inject?: readonly ProviderToken[];
}

/**
 * Loads one revision file, only when it is about to run (graph commands read headers statically).
 *
 * `.ts` files run straight from the migrations directory, with no compile step in the project:
 * sucrase strips the types and turns the imports into `require` calls in-process (about 0.1 ms
 * for a small file; tsx's blocking call into esbuild costs about 1 ms per file, most of a
 * 1,000-revision upgrade). The result is evaluated as the CommonJS module at that path, so a
 * value import in the revision (`import { x } from 'some-package'`) resolves from the revision
 * file's directory upward. A `.ts` file the revision imports in turn goes through sucrase's
 * require hook, registered on the first `.ts` revision. `.js` files are required as they are.
 * Type-only imports (`import type { MigrationOps } ...`) are erased.
 *
 * @param path the revision file, absolute or relative to the working directory
 * @param database in a multi-database setup, the database to run: the module's
 *   `upgrade_<database>` and `downgrade_<database>` are its steps
 * @returns the module's upgrade, downgrade and transactional exports
 * @throws MigrationError if the file cannot be loaded or lacks the step functions
 */
export function loadRevisionModule(path: string, database?: string): RevisionModule {
  const absolutePath = resolve(path);
  let loaded: unknown;
  try {
    loaded = isTypeScript(absolutePath) ? requireTypeScript(absolutePath) : require(absolutePath);
  } catch (error) {
    throw new MigrationError(`could not load revision file ${path}: ${firstLine(error)}`, { cause: error });
  }
  return checkExports(path, loaded, database);
}

// .ts revisions already evaluated: loading one again returns the same module, as require does.
const typeScriptModules = new Map<string, Module>();
let transformTypeScript: typeof import('sucrase').transform | undefined;

function requireTypeScript(path: string): unknown {
  const done = typeScriptModules.get(path);
  if (done) return done.exports;
  const { code } = typeScriptCompiler()(readFileSync(path, 'utf8'), { transforms: ['typescript', 'imports'], filePath: path });
  const mod = new Module(path, module);
  mod.filename = path;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(path));
  (mod as unknown as { _compile(code: string, filename: string): void })._compile(code, path);
  mod.loaded = true;
  typeScriptModules.set(path, mod);
  return mod.exports;
}

function isTypeScript(path: string): boolean {
  return path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts');
}

/**
 * Sucrase's transform, required on first use (graph commands and .js-only projects never load
 * it) and kept, since resolving a require costs file-system calls every time. Its require hook
 * is registered at the same time and never removed: revision modules stay loaded, and their
 * own relative .ts imports need the hook for as long as they run.
 */
function typeScriptCompiler(): typeof import('sucrase').transform {
  if (!transformTypeScript) {
    (require('sucrase/dist/register') as { registerTS(): unknown }).registerTS();
    transformTypeScript = (require('sucrase') as typeof import('sucrase')).transform;
  }
  return transformTypeScript;
}

function checkExports(path: string, loaded: unknown, database: string | undefined): RevisionModule {
  const module = (loaded ?? {}) as Record<string, unknown>;
  const [upgrade, downgrade] = database === undefined ? ['upgrade', 'downgrade'] : [`upgrade_${database}`, `downgrade_${database}`];
  const missing = [upgrade, downgrade].filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) throw missingSteps(path, module, missing, [upgrade, downgrade], database);
  if (module.transactional !== undefined && typeof module.transactional !== 'boolean') {
    throw new MigrationError(
      `revision file ${path} exports transactional as ${typeof module.transactional}; export it as true or false`,
    );
  }
  if (module.inject !== undefined && !isTokenList(module.inject)) {
    throw new MigrationError(`revision file ${path} exports inject, but not as a list of provider classes or tokens; export const inject = [SomeService]`);
  }
  return {
    upgrade: module[upgrade] as RevisionModule['upgrade'],
    downgrade: module[downgrade] as RevisionModule['downgrade'],
    ...(module.transactional === undefined ? {} : { transactional: module.transactional }),
    ...(module.inject === undefined ? {} : { inject: module.inject }),
  };
}

function isTokenList(value: unknown): value is ProviderToken[] {
  return Array.isArray(value) && value.every((token) => ['function', 'string', 'symbol'].includes(typeof token));
}

/** The error for missing step functions, saying which kind of setup the file was written for when that is the cause. */
function missingSteps(
  path: string,
  module: Record<string, unknown>,
  missing: string[],
  [upgrade, downgrade]: string[],
  database: string | undefined,
): MigrationError {
  const wanted = missing.map((name) => `a function ${name}(op)`).join(' or ');
  const perDatabase = Object.keys(module).filter((name) => /^upgrade_./.test(name) && typeof module[name] === 'function');
  if (database === undefined && perDatabase.length > 0) {
    return new MigrationError(
      `revision file ${path} does not export ${wanted}: it is written for several databases (${perDatabase.join(', ')}); ` +
        "list them in MigrationModule's databases option",
    );
  }
  if (database !== undefined && typeof module.upgrade === 'function') {
    return new MigrationError(
      `revision file ${path} does not export ${wanted}: it is written for one database; ` +
        `give it upgrade_${database}(op) and downgrade_${database}(op) (the multidb template's shape)`,
    );
  }
  return new MigrationError(
    `revision file ${path} does not export ${wanted}; export async function ${upgrade}(op: MigrationOps) and ${downgrade}(op: MigrationOps)`,
  );
}

/**
 * The first non-empty line of a load error. Sucrase opens a syntax error with "Error
 * transforming <file>: " and ends it with "(line:column)"; the file is named already.
 */
function firstLine(error: unknown): string {
  const message = messageOf(error);
  const line = message.split('\n').map((text) => text.trim()).find(Boolean);
  return line?.replace(/^Error transforming .*?: /, '') ?? (error instanceof Error ? error.name : 'unknown error');
}
