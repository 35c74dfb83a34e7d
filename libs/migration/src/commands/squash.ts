import { existsSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { DatabaseSource } from '../config/migration-config';
import type { ResolvedConfig } from '../config/resolve-config';
import { CommandError } from '../errors';
import { catchRevisionErrors } from '../graph/plan';
import { dialectOf, isFileDatabase } from '../runtime/database';
import { parseDatabaseUrl } from '../runtime/database-url';
import { withScratchDatabase } from '../runtime/scratch-database';
import type { FileSystem } from '../script/file-system';
import { MemoryFileSystem } from '../script/memory-file-system';
import { generateRevision } from '../script/revision-writer';
import type { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';
import { SCRIPT_TEMPLATE_FILE } from '../script/templates';
import { renderBaseline } from './baseline';
import { configList, Configs, isMany } from './databases';
import { namingConventionOf, withEnvironment } from './environment';
import { scriptDirectory } from './script-directory';
import { Output, SILENT_OUTPUT } from './output';
import { upgrade } from './upgrade';

// Calls that change rows rather than the schema: a baseline built from the schema has no trace of them.
const DATA_CHANGES = /\bop\.(execute|bulkInsert)\(|\brunTypeormMigration\(/;

export interface SquashOptions {
  /** The baseline's creation time; now by default. */
  now?: Date;
}

export interface SquashResult {
  /** The baseline revision: the id of the revision squashed to. */
  revision: string;
  /** The baseline's file. */
  path: string;
  /** The files of the revisions it replaces, removed. */
  removed: string[];
}

/**
 * `squash <rev>`: replaces `<rev>` and every revision below it with one baseline revision that
 * creates the schema they build. The schema is read from a scratch database upgraded to `<rev>`
 * (see `withScratchDatabase`), as autogenerate would write it from nothing. The baseline keeps
 * `<rev>`'s id and branch labels, so the revisions above it still name their parent, and a
 * database at `<rev>` or above runs nothing new; only a database below `<rev>` would need it
 * (upgrade those to `<rev>` before the squash is deployed).
 *
 * Refused when `<rev>` does not name exactly one revision, when a branch crosses it (a
 * revision outside the squashed ones whose parent, or dependency, is below `<rev>`), and when
 * the configured database is below `<rev>`. A squashed
 * revision that changes data (`op.execute`, `op.bulkInsert`, a wrapped TypeORM migration) is
 * named in a warning: the baseline has the schema, not the rows.
 * @throws CommandError (one line); nothing is changed then
 */
export async function squash(
  configs: Configs,
  revision: string,
  options: SquashOptions = {},
  output: Output = SILENT_OUTPUT,
): Promise<SquashResult> {
  if (isMany(configs)) throw new CommandError('squash works on the history of one database; a multidb baseline is not supported');
  const [config] = configList(configs);
  const fs = config.fs;
  const script = scriptDirectory(config, output);
  const map = script.revisionMap;
  const targets = catchRevisionErrors({}, () => map.getRevisions(revision)).filter((r): r is Script => r !== null);
  if (targets.length !== 1) {
    throw new CommandError(
      `squash needs one revision, but '${revision}' names ${targets.length === 0 ? 'none' : targets.map((t) => t.revision).join(', ')}; give a single revision id`,
    );
  }
  const target = targets[0];
  // By file, so the warnings and the removals are listed in one order every time.
  const squashed = map.ancestorNodes([target]).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const inside = new Set(squashed.map((r) => r.revision));
  for (const other of map.revisions) {
    if (inside.has(other.revision)) continue;
    const parent = other.versionedDownRevisions.find((id) => inside.has(id) && id !== target.revision);
    if (parent !== undefined) {
      throw new CommandError(
        `Revision ${other.revision} branches from ${parent}, below ${target.revision}, so squashing ${target.revision} would lose its parent; merge that branch first, or squash a revision above it`,
      );
    }
    const dependency = other.resolvedDependencies.find((id) => inside.has(id) && id !== target.revision);
    if (dependency !== undefined) {
      throw new CommandError(
        `Revision ${other.revision} depends on ${dependency}, below ${target.revision}, which squashing would remove; make it depend on ${target.revision}, or squash a revision above ${dependency}`,
      );
    }
  }
  await checkNotBelow(config, script, target, inside);
  for (const rev of squashed) {
    const change = DATA_CHANGES.exec(fs.readFile(rev.path));
    if (change) {
      output.warn(
        `${rev.revision} (${rev.path}) calls ${change[0].replace(/\($/, '')}; if that changes rows, a database built from the baseline will not have them, as the baseline creates the schema only`,
      );
    }
  }

  const timeoutMs = config.lockTimeoutMs;
  const bodies = await withScratchDatabase(config.database, timeoutMs, async (scratch) => {
    const scratchConfig = { ...config, database: scratch };
    await upgrade(scratchConfig, target.revision, { output: SILENT_OUTPUT });
    return withEnvironment(scratchConfig, { offline: false, output: SILENT_OUTPUT, script }, (env) =>
      renderBaseline(env, namingConventionOf(config, env.connection?.dataSource)),
    );
  });

  const labels = [...new Set(squashed.flatMap((r) => r.declaredBranchLabels))];
  const text = baselineText(script, fs, target, {
    revId: target.revision,
    message: `baseline squashed from ${squashed.length} revisions`,
    head: 'base',
    branchLabels: labels,
    upgradeBody: bodies.upgradeBody,
    downgradeBody: bodies.downgradeBody,
    imports: bodies.imports,
    now: options.now,
  });
  const removed = squashed.map((r) => r.path);
  for (const path of removed) fs.remove(path);
  fs.writeFile(text.path, text.text);
  return { revision: target.revision, path: text.path, removed };
}

/**
 * The configured database must not be below `target`: its version table would name a revision
 * the squash removes. One without a version table (or a SQLite file not made yet) is fine.
 */
async function checkNotBelow(config: ResolvedConfig, script: ScriptDirectory, target: Script, inside: ReadonlySet<string>): Promise<void> {
  if (isFileDatabase(dialectOf(config.database)) && !existsSync(sqliteFileOf(config.database))) return;
  const heads = await withEnvironment(config, { offline: false, output: SILENT_OUTPUT, script }, (env) => env.versionTable.currentHeads());
  const below = heads.find((head) => inside.has(head) && head !== target.revision);
  if (below !== undefined) {
    throw new CommandError(
      `The database is at ${below}, below ${target.revision}, a revision squashing would remove; upgrade it to ${target.revision} first, as every database must be before the squash is deployed`,
    );
  }
}

/** The file of a SQLite source, as TypeORM resolves it (against the working directory). */
function sqliteFileOf(source: DatabaseSource): string {
  return resolve('url' in source ? parseDatabaseUrl(source.url).database : String(source.dataSource.options.database));
}

/**
 * The baseline's file, written first into an in-memory copy of the directory that has no
 * revisions (the real one still holds `target`'s id), with the directory's own template.
 */
function baselineText(
  script: ScriptDirectory,
  fs: FileSystem,
  target: Script,
  spec: Parameters<typeof generateRevision>[2],
): { path: string; text: string } {
  const templatePath = posix.join(script.directory, SCRIPT_TEMPLATE_FILE);
  const memory = new MemoryFileSystem(fs.exists(templatePath) ? { [templatePath]: fs.readFile(templatePath) } : {});
  memory.mkdir(script.directory);
  for (const location of script.versionLocations) memory.mkdir(location);
  const empty = new ScriptDirectory({ directory: script.directory, versionLocations: script.versionLocations, fs: memory });
  const written = generateRevision(empty, memory, { ...spec, versionPath: posix.dirname(target.path) });
  return { path: written.path, text: memory.readFile(written.path) };
}
