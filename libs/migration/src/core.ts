// Core entry of @nest-migrate/migration (`@nest-migrate/migration/core`): every command as a plain
// function, the graph, the runtime, the operations and autogenerate, without the Nest adapter.
// Requiring it loads nothing of @nestjs/*, nest-commander, typeorm or a database driver: TypeORM
// and the driver load when a command first connects, sucrase when a .ts revision first runs. The
// schematics, tools and benchmarks import this, so they never pay for the Nest runtime.
export * from './errors';
export * from './graph/errors';
export { Revision, toIds } from './graph/revision';
export type { RevisionDeclaration, RevisionIds } from './graph/revision';
export { RevisionMap } from './graph/revision-map';
export type { RevisionIdentifier, IterateOptions } from './graph/revision-map';
export { RevisionStep, StampStep } from './graph/steps';
export type { MigrationStep } from './graph/steps';
export { HeadMaintainer } from './graph/head-maintainer';
export type { VersionChange } from './graph/head-maintainer';
export { walkRevisions, upgradeSteps, downgradeSteps, stampSteps, catchRevisionErrors } from './graph/plan';
export { ScriptDirectory } from './script/script-directory';
export type { ScriptDirectoryOptions } from './script/script-directory';
export { Script } from './script/script';
export type { FileSystem } from './script/file-system';
export { NodeFileSystem } from './script/node-file-system';
export { MemoryFileSystem } from './script/memory-file-system';
export { MalformedRevisionFileError } from './script/errors';
export { parseRevisionHeader } from './script/revision-header';
export type { RevisionHeader } from './script/revision-header';
export { formatRevision, formatHeadOnly, formatLogEntry, formatDownRevision } from './script/format';
export type { HeadOnlyOptions } from './script/format';
export type { MigrationOps, Dialect } from './operations/migration-ops';
export type { ProviderToken, ResolveProvider } from './operations/provider-token';
export { history, formatHistory } from './commands/history';
export { formatHistoryGraph } from './commands/history-graph/graph-text';
export type { HistoryGraphOptions, GraphHighlight } from './commands/history-graph/graph-text';
export { formatMermaid } from './commands/history-graph/mermaid';
export { formatDot } from './commands/history-graph/dot';
export { heads, formatHeads } from './commands/heads';
export { branches, formatBranches } from './commands/branches';
export type { BranchPoint } from './commands/branches';
export { show, formatShow } from './commands/show';
export { OnlineSqlEmitter, OfflineSqlEmitter } from './runtime/sql-emitter';
export type { SqlEmitter, ExecResult } from './runtime/sql-emitter';
export { VersionTable, VersionTableChangedError, RevisionIdTooLongError, DEFAULT_VERSION_TABLE, DEFAULT_VERSION_COLUMN_WIDTH } from './runtime/version-table';
export type { VersionTableOptions } from './runtime/version-table';
export { loadRevisionModule } from './runtime/revision-loader';
export type { RevisionModule } from './runtime/revision-loader';
export { parseDatabaseUrl, redactUrl, connectionError } from './runtime/database-url';
export type { DatabaseTarget } from './runtime/database-url';
export type { MigrationConfig, TransactionMode, DatabaseSource } from './config/migration-config';
export { DEFAULT_DIRECTORY, DEFAULT_LOCK_TIMEOUT_MS } from './config/migration-config';
export type { Output } from './commands/output';
export { SILENT_OUTPUT } from './commands/output';
export { scriptDirectory } from './commands/environment';
export { upgrade } from './commands/upgrade';
export type { RunCommandOptions } from './commands/upgrade';
export { DatabaseFailedError } from './commands/databases';
export type { Configs, DatabaseRunResult } from './commands/databases';
export { downgrade } from './commands/downgrade';
export { stamp } from './commands/stamp';
export { current, formatCurrent, HeadsNotAppliedError } from './commands/current';
export type { CurrentResult } from './commands/current';
export { MigrationContext, RevisionFailedError } from './runtime/migration-context';
export type { RunResult } from './runtime/migration-context';
export { LockTimeoutError } from './dialects/deploy-lock';
export { InterruptedRunError } from './runtime/run-journal';
export { AppliedLog } from './runtime/applied-log';
export type { AppliedLogEntry, AppliedDirection } from './runtime/applied-log';
export { revisionChecksum } from './script/checksum';
export { verify, VerifyFailedError } from './commands/verify';
export type { VerifyResult, VerifiedRevision, VerifyStatus, VerifyOptions } from './commands/verify';
export type { InterruptedRun } from './runtime/run-journal';
export { StrayOpCallError } from './runtime/op-tracker';
export { ensureVersionTable } from './commands/ensure-version-table';
export { DEFAULT_TENANT_CONCURRENCY, parseConcurrency, selectTenants, TenantsFailedError } from './commands/tenants/tenant';
export type { TenantDescriptor } from './commands/tenants/tenant';
export { upgradeTenants, downgradeTenants, formatTenantRuns } from './commands/tenants/migrate-tenants';
export type { TenantRunResult } from './commands/tenants/migrate-tenants';
export { currentTenants, formatTenantTable } from './commands/tenants/current-tenants';
export type { TenantCurrentResult } from './commands/tenants/current-tenants';
export type { TenantRunOptions } from './commands/tenants/run-tenants';
export { init, formatTemplateList } from './commands/init';
export type { InitOptions } from './commands/init';
export { revision } from './commands/revision';
export type { RevisionOptions } from './commands/revision';
export { merge } from './commands/merge';
export type { MergeOptions } from './commands/merge';
export { revisionPath, revisionPaths, editCommandFor } from './commands/edit';
export { generateRevision } from './script/revision-writer';
export type { RevisionSpec, GeneratedRevision, DatabaseBodies } from './script/revision-writer';
export { BUILT_IN_TEMPLATES, DEFAULT_SCRIPT_TEMPLATE, SCRIPT_TEMPLATE_FILE, TEMPLATE_DESCRIPTIONS } from './script/templates';
export { renderTemplate } from './script/template-renderer';
export { slugify, DEFAULT_TRUNCATE_SLUG_LENGTH } from './script/slug';
export { renderFileTemplate, fileTemplateTokens, DEFAULT_FILE_TEMPLATE } from './script/file-template';
export type { FileTemplateTokens } from './script/file-template';
export { newRevisionId, verifyRevisionId } from './script/revision-id';
export { MigrateOperation, NotInvertibleError } from './operations/migrate-operation';
export { registerOperation, implementationFor, rendererFor } from './extensions';
export type { ImplementationContext, RendererContext } from './extensions';
export { CreateTableOp, DropTableOp, RenameTableOp, CreateTableCommentOp, DropTableCommentOp } from './operations/table-ops';
export type { TableOptions } from './operations/table-ops';
export { AddColumnOp, DropColumnOp, AlterColumnOp } from './operations/column-ops';
export type { AlterColumnOptions } from './operations/column-ops';
export {
  AddConstraintOp,
  CreatePrimaryKeyOp,
  CreateForeignKeyOp,
  CreateUniqueConstraintOp,
  CreateCheckConstraintOp,
  DropConstraintOp,
  addConstraintOp,
} from './operations/constraint-ops';
export type { ForeignKeyOptions, DropConstraintOptions } from './operations/constraint-ops';
export { CreateIndexOp, DropIndexOp } from './operations/index-ops';
export type { CreateIndexOptions } from './operations/index-ops';
export { CreateEnumTypeOp, DropEnumTypeOp, AddEnumValueOp } from './operations/enum-ops';
export type { AddEnumValueOptions } from './operations/enum-ops';
export { ExecuteSQLOp, BulkInsertOp } from './operations/sql-ops';
export { primaryKey, foreignKey, unique, check, index, sqlText, f } from './operations/schema-objects';
export type {
  Column,
  TableElement,
  TableConstraint,
  PrimaryKeyConstraint,
  ForeignKeyConstraint,
  UniqueConstraint,
  CheckConstraint,
  IndexDefinition,
  ConstraintType,
  ReferentialAction,
  ServerDefault,
  SqlText,
  FinalName,
  ObjectName,
} from './operations/schema-objects';
export { DEFAULT_NAMING_CONVENTION, conventionalName, resolveNamingConvention } from './operations/naming-convention';
export type { NamingConvention, NamingConventionOption } from './operations/naming-convention';
export { renderColumnType } from './dialects/registry';
export { UnsupportedOperationError } from './operations/ddl-impl';
export type { Statement, RenderContext } from './operations/ddl-impl';
export { renderOperation } from './operations/dispatch';
export { ddlImplFor } from './dialects/registry';
export { Operations } from './runtime/operations';
export { BatchAlterTableOp, BatchRecorder } from './operations/batch-ops';
export type { BatchAlterTableOptions, BatchOperations } from './operations/batch-ops';
export type { TableDefinition } from './operations/schema-objects';
export { batchRecreates, renderBatch } from './operations/dispatch';
export { readSqliteTable } from './dialects/sqlite/reflect';
export type { QueryRows } from './operations/ddl-impl';
export { introspect } from './autogenerate/introspect/introspect';
export type { IntrospectOptions } from './autogenerate/introspect/introspect';
export type {
  DatabaseSchema,
  TableModel,
  ColumnModel,
  PrimaryKeyModel,
  UniqueConstraintModel,
  IndexModel,
  ForeignKeyModel,
  CheckConstraintModel,
} from './autogenerate/introspect/schema-model';
export { migrate, check as checkSchema, SchemaDiffersError } from './commands/autogenerate';
export type { AutogenerateOptions, MigrateResult, RevisionDirectives, ProcessRevisionDirectives, DatabaseComparison } from './commands/autogenerate';
export { compareSchemas } from './autogenerate/compare/compare-schemas';
export type { SchemaComparison } from './autogenerate/compare/compare-schemas';
export type { CompareOptions, DestructiveChange, Rename, RenameHint } from './autogenerate/compare/context';
export { entitySchema } from './autogenerate/entity-schema';
export { renderOps, renderDowngrade } from './autogenerate/render/render-ops';
export type { RenderOptions, RenderedOps } from './autogenerate/render/render-ops';
export { importTypeorm, typeormRevisionId } from './commands/import-typeorm';
export type { ImportTypeormOptions, ImportTypeormResult } from './commands/import-typeorm';
export { squash } from './commands/squash';
export type { SquashOptions, SquashResult } from './commands/squash';
export { runTypeormMigration } from './runtime/typeorm-migration';
