import { createRequire } from 'node:module';
import { dirname, posix, resolve } from 'node:path';
import { compileFunction } from 'node:vm';
import { messageOf, MigrationError } from '../errors';
import type { MigrationOps } from '../operations/migration-ops';
import type { ProviderToken } from '../operations/provider-token';
import type { FileSystem } from '../script/file-system';
import { NodeFileSystem } from '../script/node-file-system';
import { PACKAGE } from '../package-info';
import { fileChecksum, revisionChecksum } from '../script/checksum';
import { CompileCache } from './compile-cache';
import { packageEntryFor } from './package-entry-view';

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
 * sucrase strips the types and turns the imports into `require` calls, once per file content
 * (see `CompileCache`: later runs read the compiled form from `__revcache__/`). The compiled
 * code is evaluated as a CommonJS function whose `require` is `createRequire` at the revision's
 * own path, so a value import (`import { x } from 'some-package'`) resolves from the revision
 * file's directory upward, and a relative import of another `.ts` file is loaded the same way
 * as the revision; `@nest-migrate/migration` itself is its core entry until a revision needs more
 * (`packageEntryFor`). No require hook is installed and no Node internals are used, so an app that
 * runs its migrations on bootstrap keeps Node's module system as it was. `.js` files are
 * required as they are. Type-only imports (`import type { MigrationOps } ...`) are erased.
 *
 * @param path the revision file, absolute or relative to the working directory
 * @param database in a multi-database setup, the database to run: the module's
 *   `upgrade_<database>` and `downgrade_<database>` are its steps
 * @param fs where `.ts` sources are read and their compiled forms kept
 * @returns the module's upgrade, downgrade and transactional exports
 * @throws MigrationError if the file cannot be loaded or lacks the step functions
 */
export function loadRevisionModule(path: string, database?: string, fs: FileSystem = new NodeFileSystem()): RevisionModule {
  let loaded: unknown;
  try {
    loaded = requireModule(path, fs);
  } catch (error) {
    throw new MigrationError(`could not load revision file ${path}: ${firstLine(error)}`, { cause: error });
  }
  return checkExports(path, loaded, database);
}

/**
 * Evaluates a `.ts` or `.js` file as revisions are (see `loadRevisionModule`) and returns its
 * exports; `import-typeorm` reads TypeORM's migration classes this way.
 * @param path the file, absolute or relative to the working directory
 * @param fs where a `.ts` file and its compile cache are read
 */
export function requireModule(path: string, fs: FileSystem = new NodeFileSystem()): unknown {
  // A .js revision is the app's own compiled module: Node's require loads it, as it loads the app.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return isTypeScript(path) ? requireTypeScript(path, fs) : require(resolve(path));
}

// .ts modules already evaluated, by absolute path: loading one again returns the same exports, as
// require does. With each, the checksum of the text it was compiled from.
const typeScriptModules = new Map<string, { module: { exports: unknown }; checksum: string }>();

function requireTypeScript(path: string, fs: FileSystem): unknown {
  const filename = resolve(path);
  const done = typeScriptModules.get(filename);
  if (done) return done.module.exports;
  const source = fs.readFile(path);
  const code = new CompileCache(fs).compiled(path, source);
  const evaluate = compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
  const module = { exports: {} as unknown, filename, id: filename };
  // Registered before it runs, so an import cycle between .ts files ends, as in CommonJS.
  typeScriptModules.set(filename, { module, checksum: revisionChecksum(source) });
  try {
    evaluate.call(module.exports, module.exports, requireFrom(path, fs), module, filename, dirname(filename));
  } catch (error) {
    typeScriptModules.delete(filename);
    throw error;
  }
  return module.exports;
}

/**
 * The checksum the applied log records for a revision file: of the text this process compiled and
 * ran, for a `.ts` file it loaded (a file edited while the run went on is recorded as it ran);
 * else of the file as it is now.
 * @param path the revision file
 * @param fs where the file is read when it was not loaded
 */
export function revisionFileChecksum(path: string, fs: FileSystem): string {
  return typeScriptModules.get(resolve(path))?.checksum ?? fileChecksum(fs, path);
}

/**
 * The `require` a compiled `.ts` file sees: Node's own, resolving from the file's directory,
 * except that a relative import naming a `.ts` file (`./helpers` for `helpers.ts`) loads it as
 * a revision file is loaded, since Node alone cannot.
 */
function requireFrom(path: string, fs: FileSystem): NodeJS.Require {
  // Made on the first call: most revisions import only types, and never call it.
  let made: NodeJS.Require | undefined;
  const nodeRequire = () => (made ??= createRequire(resolve(path)));
  const typeScriptImport = (id: string): string | undefined => {
    if (!id.startsWith('./') && !id.startsWith('../')) return undefined;
    const target = posix.join(posix.dirname(path), id);
    return [target, `${target}.ts`, `${target}/index.ts`].find(
      (candidate) => isTypeScript(candidate) && fs.exists(candidate) && !fs.isDirectory(candidate),
    );
  };
  const revisionRequire = (id: string): unknown => {
    if (id === PACKAGE.name) return packageEntryFor(nodeRequire());
    const typeScript = typeScriptImport(id);
    return typeScript === undefined ? nodeRequire()(id) : requireTypeScript(typeScript, fs);
  };
  // require.resolve, require.cache and the rest are Node's own, read through to it.
  for (const name of ['resolve', 'cache', 'main', 'extensions'] as const) {
    Object.defineProperty(revisionRequire, name, { get: () => nodeRequire()[name], enumerable: true });
  }
  return revisionRequire as NodeJS.Require;
}

function isTypeScript(path: string): boolean {
  return path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts');
}

function checkExports(path: string, loaded: unknown, database: string | undefined): RevisionModule {
  const module = (loaded ?? {}) as Record<string, unknown>;
  const [upgrade, downgrade] = database === undefined ? ['upgrade', 'downgrade'] : [`upgrade_${database}`, `downgrade_${database}`];
  const missing = [upgrade, downgrade].filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) throw missingSteps(path, module, missing, [upgrade, downgrade], database);
  if (module.transactional !== undefined && typeof module.transactional !== 'boolean') {
    throw new MigrationError(`revision file ${path} exports transactional as ${typeof module.transactional}; export it as true or false`);
  }
  if (module.inject !== undefined && !isTokenList(module.inject)) {
    throw new MigrationError(
      `revision file ${path} exports inject, but not as a list of provider classes or tokens; export const inject = [SomeService]`,
    );
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
  const line = message
    .split('\n')
    .map((text) => text.trim())
    .find(Boolean);
  return line?.replace(/^Error transforming .*?: /, '') ?? (error instanceof Error ? error.name : 'unknown error');
}
