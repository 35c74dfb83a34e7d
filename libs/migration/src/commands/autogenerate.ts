import { compareSchemas, SchemaComparison } from '../autogenerate/compare/compare-schemas';
import type { CompareOptions } from '../autogenerate/compare/context';
import { entitySchema } from '../autogenerate/entity-schema';
import { introspect } from '../autogenerate/introspect/introspect';
import { findDestructive } from '../autogenerate/render/markers';
import type { RenderItem } from '../autogenerate/render/render-context';
import { renderDowngrade, renderOps } from '../autogenerate/render/render-ops';
import type { MigrationConfig } from '../config/migration-config';
import { CommandError, MigrationError } from '../errors';
import type { MigrateOperation } from '../operations/migrate-operation';
import type { Dialect } from '../operations/migration-ops';
import { DEFAULT_NAMING_CONVENTION } from '../operations/naming-convention';
import { NodeFileSystem } from '../script/node-file-system';
import type { GeneratedRevision } from '../script/revision-writer';
import { Environment, withEnvironment } from './environment';
import { Output, SILENT_OUTPUT } from './output';
import { revision, RevisionOptions } from './revision';

/**
 * What `processRevisionDirectives` may change before the revision is rendered: drop or add ops,
 * change the message, or set `skip` to write no file at all.
 */
export interface RevisionDirectives {
  ops: MigrateOperation[];
  message?: string;
  skip: boolean;
}

/** Alembic's `process_revision_directives`. */
export type ProcessRevisionDirectives = (directives: RevisionDirectives, context: { dialect: Dialect }) => void | Promise<void>;

/** What autogenerate compares and how it writes; `MigrationModule` options or configure callbacks set these. */
export interface AutogenerateOptions extends CompareOptions {
  /** Table changes inside `op.batchAlterTable` blocks (for SQLite); true by default, as in Flask-Migrate. */
  renderAsBatch?: boolean;
  /** Write an empty revision when nothing changed, as Alembic does; by default nothing is written. */
  allowEmpty?: boolean;
  /** Rewrites the operations (or suppresses the file) before rendering. */
  processRevisionDirectives?: ProcessRevisionDirectives;
  /** Alembic's `render_item`: custom source for a column, constraint, index, type or server default. */
  renderItem?: RenderItem;
}

/** `check` found differences between the entities and the database: the CLI exits 1. */
export class SchemaDiffersError extends MigrationError {
  constructor(readonly comparison: SchemaComparison) {
    super(`New upgrade operations detected: ${comparison.ops.map(describeChange).join(', ')}; run 'migrate' to write a revision`);
  }
}

/** `add column account.nickname`, `create table note`: an op as one phrase, for `check`. */
function describeChange(op: MigrateOperation): string {
  const words = op.constructor.name
    .replace(/Op$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const fields = op as { tableName?: string; typeName?: string; columnName?: string; column?: { name?: string }; options?: { schema?: string } };
  const target = [fields.options?.schema, fields.tableName ?? fields.typeName, fields.columnName ?? fields.column?.name].filter(Boolean).join('.');
  return target ? `${words} ${target}` : words;
}

export interface MigrateResult {
  /** The revision written; undefined when nothing changed (and `allowEmpty` is off). */
  created?: GeneratedRevision;
  comparison: SchemaComparison;
}

/**
 * `migrate` / `revision --autogenerate`: compares the app's TypeORM entities with the live
 * database and writes a revision whose upgrade brings the database to the entities and whose
 * downgrade is that upgrade reversed. The database must be on every head first, as in Alembic.
 */
export async function migrate(
  config: MigrationConfig,
  options: RevisionOptions & AutogenerateOptions = {},
  output: Output = SILENT_OUTPUT,
): Promise<MigrateResult> {
  return withEnvironment(config, { offline: false, output }, async (env) => {
    const comparison = await compare(env, config, options);
    for (const line of warningsOf(comparison)) output.warn(line);
    const directives: RevisionDirectives = { ops: [...comparison.ops], message: options.message, skip: false };
    await options.processRevisionDirectives?.(directives, { dialect: env.dialect });
    if (directives.skip || (directives.ops.length === 0 && !options.allowEmpty)) {
      output.info(directives.skip ? 'No revision written: processRevisionDirectives skipped it.' : 'No changes in schema detected.');
      return { comparison };
    }
    const ops = directives.ops;
    const renderOptions = {
      renderAsBatch: options.renderAsBatch ?? true,
      dialect: env.dialect,
      renderItem: options.renderItem,
      renameHints: comparison.renameHints.map((h) => ({ table: h.table, dropped: h.from, added: h.to, ...(h.schema === undefined ? {} : { schema: h.schema }) })),
      namingConvention: { ...DEFAULT_NAMING_CONVENTION, ...config.namingConvention },
    };
    const upgrade = renderOps(ops, { ...renderOptions, destructive: findDestructive(ops) });
    const downgrade = renderDowngrade(ops, renderOptions);
    const created = revision(env.script, config.fs ?? new NodeFileSystem(), {
      ...options,
      message: directives.message,
      upgradeBody: upgrade.body,
      downgradeBody: downgrade.body,
      imports: [...upgrade.imports, ...downgrade.imports],
    });
    return { created, comparison };
  });
}

/** `check`: a `SchemaDiffersError` when the entities and the database disagree (a CI gate); the comparison otherwise. */
export async function check(config: MigrationConfig, options: AutogenerateOptions = {}, output: Output = SILENT_OUTPUT): Promise<SchemaComparison> {
  return withEnvironment(config, { offline: false, output }, async (env) => {
    const comparison = await compare(env, config, options);
    if (comparison.ops.length > 0) throw new SchemaDiffersError(comparison);
    output.info('No new upgrade operations detected.');
    return comparison;
  });
}

async function compare(env: Environment, config: MigrationConfig, options: CompareOptions): Promise<SchemaComparison> {
  const { connection, versionTable, script, dialect } = env;
  if (!connection) throw new CommandError('Autogenerate needs a database connection; it cannot run with --sql');
  const current = new Set(script.getAllCurrent(await versionTable.currentHeads()).map((r) => r.revision));
  const behind = script.getHeads().filter((head) => !current.has(head));
  if (behind.length > 0) {
    throw new CommandError(`Target database is not up to date: ${behind.join(', ')} not applied; run 'upgrade heads' first`);
  }
  const namingConvention = { ...DEFAULT_NAMING_CONVENTION, ...config.namingConvention };
  // The database first: its current_schema() is the schema entities without one are in.
  const database = await introspect(connection.runner, dialect, {
    versionTable: versionTable.tableName,
    ...(versionTable.schema === undefined ? {} : { versionTableSchema: versionTable.schema }),
    ...(options.includeSchemas ? { includeSchemas: true } : {}),
  });
  const entities = await entitySchema(connection.dataSource, dialect, {
    namingConvention,
    ...(database.defaultSchema === undefined ? {} : { defaultSchema: database.defaultSchema }),
  });
  return compareSchemas(entities, database, options);
}

/** Beyond Alembic: what the user should review before applying, on stderr. */
function warningsOf(comparison: SchemaComparison): string[] {
  const destructive = comparison.destructive.map(
    (d) => `destructive: ${d.kind} ${d.column ? `${d.table}.${d.column}` : d.table}${d.from ? ` (${d.from} -> ${d.to})` : ''}`,
  );
  return [...destructive, ...comparison.renameHints.map((h) => `possible rename: ${h.message}`), ...comparison.notes];
}
