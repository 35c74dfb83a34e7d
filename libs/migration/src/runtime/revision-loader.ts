import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { MigrationError } from '../errors';
import type { MigrationOps } from '../operations/migration-ops';

/** What a revision file exports: the two steps, and optionally whether to wrap them in a transaction. */
export interface RevisionModule {
  upgrade(op: MigrationOps): Promise<void>;
  downgrade(op: MigrationOps): Promise<void>;
  /** False to run this revision outside a transaction (e.g. CREATE INDEX CONCURRENTLY). */
  transactional?: boolean;
}

/** The part of tsx's CommonJS API we use (`tsx/cjs/api`). */
interface TsxCjsApi {
  register(): unknown;
}

// Registered on the first .ts load and never unregistered: revision modules stay in
// require's cache, and their own relative .ts imports need the hook as long as they run.
let tsxRegistered = false;

/**
 * Loads one revision file, only when it is about to run (graph commands read headers statically).
 *
 * `.ts` files run straight from the migrations directory, with no compile step, through tsx's
 * CommonJS hook: `register()` once, on the first .ts load, then Node's own `require`. Because
 * it is Node's `require`, a value import in the revision (`import { x } from 'some-package'`)
 * resolves from the revision file's directory upward, as in any CommonJS module. `.js` files
 * are required as they are. Type-only imports (`import type { MigrationOps } ...`) are erased.
 *
 * Reading files through `require` rather than the FileSystem port is deliberate: Node's module
 * loader is the only thing that can evaluate a revision.
 *
 * @param path the revision file, absolute or relative to the working directory
 * @returns the module's upgrade, downgrade and transactional exports
 * @throws MigrationError if the file cannot be loaded or lacks `upgrade`/`downgrade` functions
 */
export function loadRevisionModule(path: string): RevisionModule {
  const absolutePath = resolve(path);
  let loaded: unknown;
  try {
    if (isTypeScript(absolutePath)) registerTsx();
    loaded = requireRevision(absolutePath);
  } catch (error) {
    throw new MigrationError(`could not load revision file ${path}: ${firstLine(error)}`, { cause: error });
  }
  return checkExports(path, loaded);
}

// Compiled JavaScript of .ts revisions prepared for this run, by absolute path.
const precompiled = new Map<string, string>();

/**
 * Compiles the `.ts` revision files a run is about to load, all at once, before the first one
 * runs. tsx compiles each file as Node requires it, through one blocking call into esbuild per
 * file (about 1 ms each: most of a 1,000-revision upgrade); esbuild's asynchronous service
 * compiles them side by side instead. A file that fails to compile is left to `loadRevisionModule`,
 * which reports it when its turn comes, so nothing is reported before it would run.
 */
export async function prepareRevisionModules(paths: readonly string[]): Promise<void> {
  const pending = [...new Set(paths.map((path) => resolve(path)))].filter(
    (path) => isTypeScript(path) && !precompiled.has(path) && !compiledModules.has(path),
  );
  if (pending.length === 0) return;
  const esbuild = require('esbuild') as typeof import('esbuild');
  await Promise.all(
    pending.map(async (path) => {
      try {
        const source = await readFile(path, 'utf8');
        const { code } = await esbuild.transform(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: path });
        precompiled.set(path, code);
      } catch {
        // Reported by loadRevisionModule, through tsx, when the revision is about to run.
      }
    }),
  );
}

// Revision modules evaluated from precompiled code; loading one again returns the same module, as require does.
const compiledModules = new Map<string, Module>();

/**
 * `require(path)`, except that a revision compiled ahead by `prepareRevisionModules` is
 * evaluated from that code, as the CommonJS module `path` resolving its own requires from its
 * directory; loading it again returns the same module, as require does.
 */
function requireRevision(path: string): unknown {
  const done = compiledModules.get(path);
  if (done) return done.exports;
  const code = precompiled.get(path);
  if (code === undefined) return require(path);
  const mod = new Module(path, module);
  mod.filename = path;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(path));
  (mod as unknown as { _compile(code: string, filename: string): void })._compile(code, path);
  mod.loaded = true;
  precompiled.delete(path);
  compiledModules.set(path, mod);
  return mod.exports;
}

function isTypeScript(path: string): boolean {
  return path.endsWith('.ts') || path.endsWith('.mts') || path.endsWith('.cts');
}

function registerTsx(): void {
  if (tsxRegistered) return;
  // A plain require on purpose: the import stays lazy (no tsx cost for .js-only projects or
  // graph commands), and the workspace's moduleResolution cannot see tsx's exports map.
  const tsx = require('tsx/cjs/api') as TsxCjsApi;
  tsx.register();
  tsxRegistered = true;
}

function checkExports(path: string, loaded: unknown): RevisionModule {
  const module = (loaded ?? {}) as Partial<Record<keyof RevisionModule, unknown>>;
  const missing = (['upgrade', 'downgrade'] as const).filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    throw new MigrationError(
      `revision file ${path} does not export ${missing.map((name) => `a function ${name}(op)`).join(' or ')}; ` +
        'export async function upgrade(op: MigrationOps) and downgrade(op: MigrationOps)',
    );
  }
  if (module.transactional !== undefined && typeof module.transactional !== 'boolean') {
    throw new MigrationError(
      `revision file ${path} exports transactional as ${typeof module.transactional}; export it as true or false`,
    );
  }
  return {
    upgrade: module.upgrade as RevisionModule['upgrade'],
    downgrade: module.downgrade as RevisionModule['downgrade'],
    ...(module.transactional === undefined ? {} : { transactional: module.transactional }),
  };
}

/**
 * The first useful line of a load error. esbuild (through tsx) opens with a
 * "Transform failed with 1 error:" header; the line after it has the file, position and reason.
 */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length > 1 && /^Transform failed with \d+ errors?:$/.test(lines[0])) return lines[1];
  return lines[0] ?? (error instanceof Error ? error.name : 'unknown error');
}
