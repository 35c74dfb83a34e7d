import { resolve } from 'node:path';
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
    loaded = require(absolutePath);
  } catch (error) {
    throw new MigrationError(`could not load revision file ${path}: ${firstLine(error)}`, { cause: error });
  }
  return checkExports(path, loaded);
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
