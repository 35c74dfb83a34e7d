import { createHash } from 'node:crypto';
import { posix, relative, resolve } from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import type { MigrationConfig } from '../config/migration-config';
import { CommandError } from '../errors';
import type { Dialect } from '../operations/migration-ops';
import { quoteIdentifier } from '../runtime/sql-emitter';
import { generateRevision, GeneratedRevision } from '../script/revision-writer';
import { BaselineBodies, renderBaseline } from './baseline';
import { configList, Configs, isMany } from './databases';
import { namingConventionOf, withEnvironment } from './environment';
import { scriptDirectory } from './script-directory';
import { Output, SILENT_OUTPUT } from './output';
import { stamp } from './stamp';
import { findTypeormMigrations, TYPEORM_MIGRATIONS_TABLE, TypeormMigration } from './typeorm-migrations';

export interface ImportTypeormOptions {
  /** Write one baseline revision of the live schema instead of one revision per TypeORM migration. */
  baseline?: boolean;
  /** TypeORM's migrations table: the DataSource's `migrationsTableName`, else `migrations`. */
  typeormTable?: string;
  /** Globs of the TypeORM migration files: the DataSource's `migrations` option by default. */
  migrations?: readonly string[];
  /** The revisions' creation time; now by default. */
  now?: Date;
}

export interface ImportTypeormResult {
  /** The revisions written, oldest first. */
  created: GeneratedRevision[];
  /** The revision the database was stamped at; undefined when TypeORM had applied nothing. */
  stamped?: string;
}

/** What the database and the files said, read before anything is written. */
interface ImportPlan {
  applied: string[];
  migrations: TypeormMigration[];
  baseline?: BaselineBodies;
  columnWidth: number;
}

/**
 * `import-typeorm`: turns a TypeORM project's migrations into the first revisions of a history
 * and stamps the database where TypeORM left it, so nothing runs again. Each TypeORM migration,
 * in TypeORM's order, becomes a revision whose upgrade calls its `up` and whose downgrade its
 * `down` (see `runTypeormMigration`); the id is the first 12 hex digits of the SHA-1 of the
 * migration's name, so importing the same project twice gives the same ids. With `baseline`,
 * one revision creates the live schema instead. TypeORM's table is read, never changed.
 *
 * Everything is read and checked before anything is written: the version table must have no
 * rows, and the names in TypeORM's table must be the files' first names in order (all of them
 * with `baseline`). If stamping fails, the files written are removed again. When the directory
 * already holds the revisions of every TypeORM migration (imported on another database of the
 * project), nothing is written and the database is only stamped.
 * @throws CommandError (one line) for each refusal
 */
export async function importTypeorm(
  configs: Configs,
  options: ImportTypeormOptions = {},
  output: Output = SILENT_OUTPUT,
): Promise<ImportTypeormResult> {
  if (isMany(configs)) {
    throw new CommandError('import-typeorm imports into the history of one database; run it with one database configured');
  }
  const [config] = configList(configs);
  const fs = config.fs;
  const script = scriptDirectory(config, output);
  const existing = new Set(script.revisionMap.revisions.map((r) => r.revision));
  if (existing.size > 0 && options.baseline) {
    throw new CommandError(
      `Migrations directory ${config.directory} already has revisions; a baseline starts a history, so on another database of the project run 'stamp <baseline revision>' instead`,
    );
  }
  const plan = await withEnvironment(config, { offline: false, output, script }, async (env): Promise<ImportPlan> => {
    if (!env.connection) throw new CommandError('import-typeorm reads the live database; it cannot run with --sql');
    const { dataSource, runner } = env.connection;
    if ((await env.versionTable.currentHeads()).length > 0) {
      throw new CommandError(
        `${env.versionTable.displayName} already records revisions; import-typeorm is for a database nest-migrate has not migrated`,
      );
    }
    const table = options.typeormTable ?? dataSource.options.migrationsTableName ?? TYPEORM_MIGRATIONS_TABLE;
    const applied = await readTypeormTable(runner, env.dialect, table, schemaOf(dataSource));
    const globs = options.migrations ?? migrationGlobs(dataSource, options.baseline === true);
    const migrations = globs === undefined ? [] : findTypeormMigrations(fs, globs);
    if (globs !== undefined && !options.baseline && migrations.length === 0) {
      throw new CommandError(`No TypeORM migration classes found in ${globs.join(', ')}; give the files with --typeorm-migrations <glob>`);
    }
    if (globs !== undefined) checkAgreement(table, applied, migrations, options.baseline === true);
    const baseline = options.baseline ? await renderBaseline(env, namingConventionOf(config, dataSource), [table]) : undefined;
    return { applied, migrations, baseline, columnWidth: env.versionTable.columnWidth };
  });

  if (existing.size > 0) return stampImported(config, plan, existing, output);

  const created: GeneratedRevision[] = [];
  const write = (spec: Parameters<typeof generateRevision>[2]) => {
    created.push(
      generateRevision(scriptDirectory(config, output), fs, { maxRevisionIdLength: plan.columnWidth, now: options.now, ...spec }),
    );
  };
  let stampAt: string | undefined;
  if (plan.baseline) {
    write({
      message: 'baseline from TypeORM',
      head: 'base',
      upgradeBody: plan.baseline.upgradeBody,
      downgradeBody: plan.baseline.downgradeBody,
      imports: plan.baseline.imports,
    });
    stampAt = created[0].revision;
  } else {
    const versionPath = script.versionLocations[0];
    for (const [i, migration] of plan.migrations.entries()) {
      const call = (direction: string) => `await runTypeormMigration(op, new ${migration.exportName}(), '${direction}');`;
      write({
        revId: typeormRevisionId(migration.name),
        message: migration.name,
        head: i === 0 ? 'base' : created[i - 1].revision,
        upgradeBody: call('up'),
        downgradeBody: call('down'),
        imports: ['runTypeormMigration'],
        moduleImports: [{ names: [migration.exportName], from: moduleSpecifier(versionPath, migration.path) }],
      });
    }
    stampAt = plan.applied.length > 0 ? created[plan.applied.length - 1].revision : undefined;
  }
  if (stampAt !== undefined) {
    try {
      await stamp(config, [stampAt], { output });
    } catch (error) {
      for (const { path } of created) fs.remove(path);
      throw error;
    }
  }
  return { created, stamped: stampAt };
}

/**
 * The revisions were imported before (from another database of the same project, and
 * committed): this database is only stamped where its TypeORM table says, so every environment
 * switches by running the same command. Later revisions may sit on top of the imported ones.
 */
async function stampImported(
  config: MigrationConfig,
  plan: ImportPlan,
  existing: ReadonlySet<string>,
  output: Output,
): Promise<ImportTypeormResult> {
  const missing = plan.migrations.find((m) => !existing.has(typeormRevisionId(m.name)));
  if (missing !== undefined) {
    throw new CommandError(
      `Migrations directory ${config.directory} already has revisions, but not revision ${typeormRevisionId(missing.name)} of TypeORM migration ${missing.name}; import into a directory fresh from 'init'`,
    );
  }
  const last = plan.applied.length > 0 ? typeormRevisionId(plan.applied[plan.applied.length - 1]) : undefined;
  if (last !== undefined) await stamp(config, [last], { output });
  return { created: [], stamped: last };
}

/** A wrapped migration's revision id: derived from its TypeORM name, the same on every import. */
export function typeormRevisionId(name: string): string {
  return createHash('sha1').update(name).digest('hex').slice(0, 12);
}

/** The names in TypeORM's migrations table, in the order they were applied. */
async function readTypeormTable(runner: QueryRunner, dialect: Dialect, table: string, schema: string | undefined): Promise<string[]> {
  const qualified = schema === undefined ? table : `${schema}.${table}`;
  if (!(await runner.hasTable(qualified))) {
    throw new CommandError(`TypeORM's migrations table ${qualified} does not exist in this database; name it with --typeorm-table`);
  }
  const name = [schema, table]
    .filter((part): part is string => part !== undefined)
    .map((part) => quoteIdentifier(dialect, part))
    .join('.');
  const rows = (await runner.query(
    `SELECT ${quoteIdentifier(dialect, 'name')} AS name FROM ${name} ORDER BY ${quoteIdentifier(dialect, 'id')}`,
  )) as { name: string }[];
  return rows.map((row) => row.name);
}

/** The DataSource's `schema` option (PostgreSQL), where TypeORM keeps its table. */
function schemaOf(dataSource: DataSource): string | undefined {
  return (dataSource.options as { schema?: string }).schema;
}

/**
 * The DataSource's `migrations` option as globs. Classes listed there name no file a revision
 * could import, so they are refused; with `baseline` the files are optional.
 */
function migrationGlobs(dataSource: DataSource, baseline: boolean): string[] | undefined {
  const option = dataSource.options.migrations;
  const entries = option === undefined ? [] : Array.isArray(option) ? option : Object.values(option);
  if (entries.length === 0) {
    if (baseline) return undefined;
    throw new CommandError("The DataSource has no 'migrations' option; give the TypeORM migration files with --typeorm-migrations <glob>");
  }
  const cls = entries.find((entry) => typeof entry !== 'string');
  if (cls !== undefined) {
    throw new CommandError(
      `The DataSource's 'migrations' option lists the class ${(cls as { name?: string }).name ?? '(anonymous)'}, not a file a revision can import; give the files with --typeorm-migrations <glob>`,
    );
  }
  return entries as string[];
}

/**
 * TypeORM's table must name the files' first migrations in order (all of them when `complete`):
 * a revision is stamped as applied only where TypeORM really ran that migration.
 */
function checkAgreement(table: string, applied: readonly string[], migrations: readonly TypeormMigration[], complete: boolean): void {
  for (const [i, name] of applied.entries()) {
    const file = migrations[i];
    if (file === undefined) {
      throw new CommandError(
        `TypeORM's ${table} table lists ${name} as applied, but the migration files have no migration ${i + 1}; restore its file, or revert it with TypeORM`,
      );
    }
    if (file.name !== name) {
      throw new CommandError(
        `TypeORM's ${table} table lists ${name} as applied migration ${i + 1}, but in the migration files migration ${i + 1} is ${file.name} (${file.path}); make the table and the files agree, then import again`,
      );
    }
  }
  if (complete && migrations.length > applied.length) {
    throw new CommandError(
      `TypeORM migration ${migrations[applied.length].name} is not applied to this database; run it with TypeORM first, or import without --baseline`,
    );
  }
}

/** How a revision in `versionPath` imports `file`: a relative path without its extension. */
function moduleSpecifier(versionPath: string, file: string): string {
  const path = relative(resolve(versionPath), resolve(file))
    .split('\\')
    .join('/')
    .replace(/\.(ts|js|cjs|mjs|cts|mts)$/, '');
  return path.startsWith('.') ? path : `./${posix.normalize(path)}`;
}
