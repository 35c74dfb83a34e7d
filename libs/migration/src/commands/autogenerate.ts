import type { DataSource } from 'typeorm';
import { compareSchemas, SchemaComparison } from '../autogenerate/compare/compare-schemas';
import type { CompareOptions } from '../autogenerate/compare/context';
import { entitySchema } from '../autogenerate/entity-schema';
import { introspect } from '../autogenerate/introspect/introspect';
import { alterProblem, batchTableOf } from '../autogenerate/render/batch-grouping';
import { findDestructive } from '../autogenerate/render/markers';
import type { RenderItem } from '../autogenerate/render/render-context';
import { renderDowngrade, renderOps } from '../autogenerate/render/render-ops';
import type { MigrationConfig } from '../config/migration-config';
import { resolveAutogenerateOptions } from '../config/resolve-config';
import { dialectFor } from '../dialects/registry';
import { CommandError, MigrationError } from '../errors';
import type { MigrateOperation } from '../operations/migrate-operation';
import type { Dialect } from '../operations/migration-ops';
import { InterruptedRunError } from '../runtime/run-journal';
import type { GeneratedRevision } from '../script/revision-writer';
import { configList, Configs, isMany, withEnvironments } from './databases';
import { Environment, namingConventionOf } from './environment';
import { Output, SILENT_OUTPUT } from './output';
import { revision, RevisionOptions } from './revision';
import { TYPEORM_MIGRATIONS_TABLE } from './typeorm-migrations';
import { VerifyFailedError, verifyEnvironments, VerifyOptions } from './verify';

/**
 * What `processRevisionDirectives` may change before the revision is rendered: drop or add ops,
 * change the message, or set `skip` to write no file at all.
 */
export interface RevisionDirectives {
  ops: MigrateOperation[];
  message?: string;
  skip: boolean;
}

/**
 * Alembic's `process_revision_directives`. With several databases it is called once per
 * database (`context.database` names it): each call edits that database's ops, a `message`
 * set by any call is the file's, and `skip` from any call writes no file.
 */
export type ProcessRevisionDirectives = (
  directives: RevisionDirectives,
  context: { dialect: Dialect; database?: string },
) => void | Promise<void>;

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

/** One database's comparison; `database` is set when a history manages several. */
export interface DatabaseComparison {
  database?: string;
  comparison: SchemaComparison;
}

/** `check` found differences between the entities and the database(s): the CLI exits 1. */
export class SchemaDiffersError extends MigrationError {
  /** The first database's comparison that found differences. */
  readonly comparison: SchemaComparison;

  /** @param verifyProblems what `verify`, which `check` runs too, found besides */
  constructor(
    readonly comparisons: readonly DatabaseComparison[],
    readonly verifyProblems: readonly string[] = [],
  ) {
    const changes = comparisons.flatMap(({ database, comparison }) =>
      comparison.ops.map((op) => (database === undefined ? describeChange(op) : `${database}: ${describeChange(op)}`)),
    );
    const verified = verifyProblems.length === 0 ? '' : `; and verify found: ${verifyProblems.join('; ')}`;
    super(`New upgrade operations detected: ${changes.join(', ')}; run 'migrate' to write a revision${verified}`);
    this.comparison = comparisons.find((c) => c.comparison.ops.length > 0)?.comparison ?? comparisons[0].comparison;
  }
}

/** `add column account.nickname`, `create table note`: an op as one phrase, for `check`. */
function describeChange(op: MigrateOperation): string {
  const words = op.constructor.name
    .replace(/Op$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const fields = op as {
    tableName?: string;
    typeName?: string;
    columnName?: string;
    column?: { name?: string };
    options?: { schema?: string };
  };
  const target = [fields.options?.schema, fields.tableName ?? fields.typeName, fields.columnName ?? fields.column?.name]
    .filter(Boolean)
    .join('.');
  return target ? `${words} ${target}` : words;
}

export interface MigrateResult {
  /** The revision written; undefined when nothing changed (and `allowEmpty` is off). */
  created?: GeneratedRevision;
  /** The primary database's comparison. */
  comparison: SchemaComparison;
  /** Multidb: every database's comparison, the primary first. */
  comparisons?: DatabaseComparison[];
}

/** One database's part of a generated revision. */
interface Rendered {
  database?: string;
  comparison: SchemaComparison;
  ops: MigrateOperation[];
  upgrade: { body: string; imports: readonly string[] };
  downgrade: { body: string; imports: readonly string[] };
}

/**
 * `migrate` / `revision --autogenerate`: compares the app's TypeORM entities with the live
 * database and writes a revision whose upgrade brings the database to the entities and whose
 * downgrade is that upgrade reversed. The database must be on every head first, as in Alembic.
 * With several configurations, each database is compared with its own DataSource's entities
 * and the revision has one pair of functions per database, empty where nothing changed.
 */
export async function migrate(
  configs: Configs,
  options: RevisionOptions & AutogenerateOptions = {},
  output: Output = SILENT_OUTPUT,
): Promise<MigrateResult> {
  const list = configList(configs);
  const settings = resolveAutogenerateOptions(options);
  return withEnvironments(list, { offline: false, output }, async (envs) => {
    const message = { text: options.message, skip: false };
    const parts: Rendered[] = [];
    for (const [i, { name, env }] of envs.entries()) {
      const database = isMany(configs) ? name : undefined;
      parts.push(await compareAndRender(env, list[i], settings, { database, message, output }));
    }
    const comparisons = parts.map(({ database, comparison }) => ({ database, comparison }));
    const result = { comparison: parts[0].comparison, ...(isMany(configs) ? { comparisons } : {}) };
    if (message.skip || (parts.every((p) => p.ops.length === 0) && !options.allowEmpty)) {
      output.info(message.skip ? 'No revision written: processRevisionDirectives skipped it.' : 'No changes in schema detected.');
      return result;
    }
    const bodies = isMany(configs)
      ? { databases: parts.map((p) => ({ name: p.database ?? '', upgradeBody: p.upgrade.body, downgradeBody: p.downgrade.body })) }
      : { upgradeBody: parts[0].upgrade.body, downgradeBody: parts[0].downgrade.body };
    const created = revision(envs[0].env.script, list[0].fs, {
      maxRevisionIdLength: envs[0].env.versionTable.columnWidth,
      ...options,
      message: message.text,
      ...bodies,
      imports: parts.flatMap((p) => [...p.upgrade.imports, ...p.downgrade.imports]),
    });
    return { ...result, created };
  });
}

/** Compares one database, lets processRevisionDirectives edit its ops, and renders them. */
async function compareAndRender(
  env: Environment,
  config: MigrationConfig,
  options: AutogenerateOptions & { renderAsBatch: boolean },
  run: { database?: string; message: { text?: string; skip: boolean }; output: Output },
): Promise<Rendered> {
  const comparison = await compare(env, config, options);
  const prefix = run.database === undefined ? '' : `${run.database}: `;
  const directives: RevisionDirectives = { ops: [...comparison.ops], message: run.message.text, skip: false };
  await options.processRevisionDirectives?.(directives, { dialect: env.dialect, ...(run.database ? { database: run.database } : {}) });
  run.message.text = directives.message;
  run.message.skip ||= directives.skip;
  const ops = directives.ops;
  const destructive = findDestructive(ops, env.dialect);
  for (const line of warningsOf(comparison, destructive)) run.output.warn(prefix + line);
  const { renderAsBatch } = options;
  if (!renderAsBatch) for (const line of batchNotes(env.dialect, ops)) run.output.warn(prefix + line);
  const renderOptions = {
    renderAsBatch,
    dialect: env.dialect,
    renderItem: options.renderItem,
    renameHints: comparison.renameHints.map((h) => ({
      table: h.table,
      dropped: h.from,
      added: h.to,
      ...(h.schema === undefined ? {} : { schema: h.schema }),
    })),
    namingConvention: namingConventionOf(config, env.connection?.dataSource),
  };
  const notes = new Map(comparison.renames.map((r) => [r.op, `RENAMED: ${r.message}`]));
  const upgrade = renderOps(ops, { ...renderOptions, destructive, notes });
  const downgrade = renderDowngrade(ops, renderOptions);
  return { database: run.database, comparison, ops, upgrade, downgrade };
}

/**
 * `check`: a `SchemaDiffersError` when the entities and the database(s) disagree (a CI gate),
 * which also lists what `verify` found; a `VerifyFailedError` when only `verify` found
 * problems; the primary database's comparison otherwise.
 */
export async function check(
  configs: Configs,
  options: AutogenerateOptions = {},
  output: Output = SILENT_OUTPUT,
  verifyOptions: Omit<VerifyOptions, 'output'> = {},
): Promise<SchemaComparison> {
  const list = configList(configs);
  const settings = resolveAutogenerateOptions(options);
  return withEnvironments(list, { offline: false, output, access: 'read' }, async (envs) => {
    const comparisons: DatabaseComparison[] = [];
    for (const [i, { name, env }] of envs.entries()) {
      comparisons.push({ database: isMany(configs) ? name : undefined, comparison: await compare(env, list[i], settings) });
    }
    const verified = await verifyEnvironments(list, envs, isMany(configs), verifyOptions);
    if (comparisons.some((c) => c.comparison.ops.length > 0)) throw new SchemaDiffersError(comparisons, verified.problems);
    if (verified.problems.length > 0) throw new VerifyFailedError(verified);
    output.info('No new upgrade operations detected.');
    return comparisons[0].comparison;
  });
}

async function compare(env: Environment, config: MigrationConfig, options: CompareOptions): Promise<SchemaComparison> {
  const { connection, versionTable, script, dialect } = env;
  if (!connection) throw new CommandError('Autogenerate needs a database connection; it cannot run with --sql');
  const interrupted = await env.context.interruptedRun();
  if (interrupted) throw new InterruptedRunError(interrupted);
  const current = new Set(script.getAllCurrent(await versionTable.currentHeads()).map((r) => r.revision));
  const behind = script.getHeads().filter((head) => !current.has(head));
  if (behind.length > 0) {
    const which = config.databaseName === undefined ? 'Target database' : `Database ${config.databaseName}`;
    throw new CommandError(`${which} is not up to date: ${behind.join(', ')} not applied; run 'upgrade heads' first`);
  }
  const namingConvention = namingConventionOf(config, connection.dataSource);
  // The database first: its current_schema() is the schema entities without one are in.
  const database = await introspect(connection.runner, dialect, {
    versionTable: versionTable.tableName,
    excludeTables: [versionTable.journalTableName, versionTable.logTableName, ...typeormTableOf(connection.dataSource)],
    ...(versionTable.schema === undefined ? {} : { versionTableSchema: versionTable.schema }),
    ...(options.includeSchemas ? { includeSchemas: true } : {}),
  });
  const entities = await entitySchema(connection.dataSource, dialect, {
    namingConvention,
    ...(database.defaultSchema === undefined ? {} : { defaultSchema: database.defaultSchema }),
  });
  return compareSchemas(entities, database, options);
}

/**
 * TypeORM's migrations table, which a project imported from TypeORM keeps (so it can switch
 * back) and no entity describes: not a table for autogenerate to drop. An entity mapped to that
 * name keeps it compared.
 */
function typeormTableOf(dataSource: DataSource): string[] {
  const table = dataSource.options.migrationsTableName ?? TYPEORM_MIGRATIONS_TABLE;
  return dataSource.entityMetadatas.some((entity) => entity.tableName === table) ? [] : [table];
}

/**
 * Without renderAsBatch: the tables whose changes the dialect's ALTER TABLE cannot make (SQLite's),
 * and what they are, as the file's comments say at each statement.
 */
function batchNotes(dialect: Dialect, ops: readonly MigrateOperation[]): string[] {
  const byTable = new Map<string, string[]>();
  for (const op of ops) {
    const problem = alterProblem(dialect, op);
    const table = batchTableOf(op)?.tableName;
    if (problem === undefined || table === undefined) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), problem]);
  }
  return [...byTable].map(
    ([table, problems]) =>
      `${table}: ${dialectFor(dialect).displayName}'s ALTER TABLE cannot ${problems.join(', ')}; put these in op.batchAlterTable('${table}', ...), or turn renderAsBatch on`,
  );
}

/**
 * Beyond Alembic: what the user should review before applying, on stderr. What the file marks
 * DESTRUCTIVE, in the same words, and what no op does (PostgreSQL cannot drop an enum label).
 */
function warningsOf(comparison: SchemaComparison, destructive: ReadonlyMap<MigrateOperation, string>): string[] {
  return [
    ...[...destructive.values()].map((risk) => `destructive: ${risk}`),
    ...comparison.destructive.filter((d) => d.kind === 'drop-enum-value').map((d) => `destructive: ${d.message}`),
    ...comparison.renames.map((r) => `rename: ${r.message}`),
    ...comparison.renameHints.map((h) => `possible rename: ${h.message}`),
    ...comparison.notes,
  ];
}
