// Core entry of @nest-migrate/migration (`@nest-migrate/migration/core`): the public API without
// the Nest adapter. Every command as a plain function, the configuration, the `op` contract and
// its op classes, the extension points, the types hooks receive, and the errors. What is not
// here is internal: tests import it by path. `etc/migration-core.api.md` (api-extractor) is the
// reviewed record of this list; `npm run api:check` fails when it is out of date.
// Requiring it loads nothing of @nestjs/*, nest-commander, typeorm or a database driver: TypeORM
// and the driver load when a command first connects, sucrase when a .ts revision first runs. The
// schematics, tools and benchmarks import this, so they never pay for the Nest runtime.

// Errors
export { MigrationError, CommandError } from './errors';
export {
  RevisionError,
  RangeNotAncestorError,
  MultipleHeadsError,
  ResolutionError,
  CycleDetectedError,
  DependencyCycleDetectedError,
  LoopDetectedError,
  DependencyLoopDetectedError,
  DuplicateRevisionError,
  MissingRevisionError,
  DuplicateBranchLabelError,
  IllegalRevisionIdError,
} from './graph/errors';
export { MalformedRevisionFileError } from './script/errors';
export { VersionTableChangedError, RevisionIdTooLongError } from './runtime/version-table';
export { RevisionFailedError } from './runtime/migration-context';
export { LockTimeoutError } from './dialects/deploy-lock';
export { InterruptedRunError } from './runtime/run-journal';
export type { InterruptedRun } from './runtime/run-journal';
export { StrayOpCallError } from './runtime/op-tracker';
export { HeadsNotAppliedError } from './commands/current';
export { DatabaseFailedError } from './commands/databases';
export { SchemaDiffersError } from './commands/autogenerate';
export { NotInvertibleError } from './operations/migrate-operation';
export { UnsupportedOperationError } from './operations/ddl-impl';

// Configuration
export type { MigrationConfig, TransactionMode, DatabaseSource, VersionTableOptions } from './config/migration-config';
export { DEFAULT_DIRECTORY, DEFAULT_LOCK_TIMEOUT_MS } from './config/migration-config';
export type { ResolvedConfig } from './config/resolve-config';
export { DEFAULT_VERSION_TABLE } from './runtime/version-table';
export { DEFAULT_NAMING_CONVENTION } from './operations/naming-convention';
export type { NamingConvention, NamingConventionOption, TypeormConstraintNaming } from './config/naming-convention';
export type { FileSystem } from './config/file-system';
export { NodeFileSystem } from './script/node-file-system';
export { MemoryFileSystem } from './script/memory-file-system';
export type { MemoryFileSystemOptions } from './script/memory-file-system';
export { parseDatabaseUrl, redactUrl, connectionError } from './runtime/database-url';
export type { DatabaseTarget } from './runtime/database-url';

// Commands
export type { Output } from './commands/output';
export { SILENT_OUTPUT } from './commands/output';
export type { Configs, DatabaseRunResult } from './commands/databases';
export { scriptDirectory } from './commands/script-directory';
export { init } from './commands/init';
export type { InitOptions } from './commands/init';
export { revision } from './commands/revision';
export type { RevisionOptions } from './commands/revision';
export { merge } from './commands/merge';
export type { MergeOptions } from './commands/merge';
export { upgrade } from './commands/upgrade';
export type { RunCommandOptions } from './commands/upgrade';
export { downgrade } from './commands/downgrade';
export { stamp } from './commands/stamp';
export { current } from './commands/current';
export type { CurrentResult } from './commands/current';
export type { AppliedRevision } from './commands/applied-revisions';
export type { AppliedLogEntry, AppliedDirection } from './runtime/applied-log';
export { ensureVersionTable } from './commands/ensure-version-table';
export { verify, VerifyFailedError } from './commands/verify';
export type { VerifyResult, VerifiedRevision, VerifyStatus, VerifyOptions } from './commands/verify';
export { history } from './commands/history';
export { heads } from './commands/heads';
export { branches } from './commands/branches';
export type { BranchPoint } from './commands/branches';
export { show } from './commands/show';
export { revisionPath, revisionPaths } from './commands/edit';
export { migrate, check as checkSchema } from './commands/autogenerate';
export type {
  AutogenerateOptions,
  MigrateResult,
  RevisionDirectives,
  ProcessRevisionDirectives,
  DatabaseComparison,
} from './commands/autogenerate';
export type { RunResult } from './runtime/migration-context';
export type { GeneratedRevision, DatabaseBodies, RevisionSpec } from './script/revision-writer';

// The migrations directory and the revision graph, as commands return them and hooks see them
export { ScriptDirectory } from './script/script-directory';
export type { ScriptDirectoryOptions } from './script/script-directory';
export { Script } from './script/script';
export type { RevisionHeader, HeaderIds } from './script/revision-header';
export { Revision } from './graph/revision';
export type { RevisionDeclaration, RevisionIds } from './graph/revision';
export { RevisionMap } from './graph/revision-map';
export type { RevisionIdentifier, IterateOptions, TraversalOptions, WalkResult } from './graph/revision-map';
export { RevisionStep, StampStep } from './graph/steps';
export type { MigrationStep } from './graph/steps';
export type { VersionChange } from './graph/head-maintainer';

// Operations: the `op` contract, the op objects and the helpers revisions build them with
export type { MigrationOps, Dialect } from './operations/migration-ops';
export { MigrateOperation } from './operations/migrate-operation';
export { CreateTableOp, DropTableOp, RenameTableOp, CreateTableCommentOp, DropTableCommentOp } from './operations/table-ops';
export type { TableOptions } from './operations/table-ops';
export { AddColumnOp, DropColumnOp, AlterColumnOp } from './operations/column-ops';
export type { AlterColumnOptions } from './operations/column-ops';
export {
  AddConstraintOp,
  ColumnListConstraintOp,
  CreatePrimaryKeyOp,
  CreateForeignKeyOp,
  CreateUniqueConstraintOp,
  CreateCheckConstraintOp,
  DropConstraintOp,
} from './operations/constraint-ops';
export type { ForeignKeyOptions, DropConstraintOptions } from './operations/constraint-ops';
export { CreateIndexOp, DropIndexOp } from './operations/index-ops';
export type { CreateIndexOptions } from './operations/index-ops';
export { CreateEnumTypeOp, DropEnumTypeOp, AddEnumValueOp } from './operations/enum-ops';
export type { AddEnumValueOptions } from './operations/enum-ops';
export { ExecuteSQLOp, BulkInsertOp } from './operations/sql-ops';
export { BatchAlterTableOp } from './operations/batch-ops';
export type { BatchAlterTableOptions, BatchOperations } from './operations/batch-ops';
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
  TableDefinition,
  ConstraintType,
  ReferentialAction,
  ServerDefault,
  SqlText,
  FinalName,
  ObjectName,
} from './operations/schema-objects';

// Extension points (Alembic's register_operation, implementation_for, renderers.dispatch_for)
export { registerOperation, implementationFor, rendererFor } from './extensions';
export type { ImplementationContext, RendererContext } from './extensions';
export type { OpClass } from './operations/dispatch';

// Autogenerate: what its hooks receive
export type {
  CompareOptions,
  CompareObjectType,
  CompareParentNames,
  ServerDefaultComparator,
  TypeComparator,
  DestructiveChange,
  Rename,
  RenameHint,
} from './autogenerate/compare/context';
export type { ColumnModel } from './dialects/schema-model';
export type { SchemaComparison } from './autogenerate/compare/compare-schemas';
export type { RenderItem, RenderItemKind } from './autogenerate/render/render-context';

// Many tenants, and Nest providers in revisions
export { upgradeTenants, downgradeTenants } from './commands/tenants/migrate-tenants';
export type { TenantRunResult } from './commands/tenants/migrate-tenants';
export { currentTenants } from './commands/tenants/current-tenants';
export type { TenantCurrentResult } from './commands/tenants/current-tenants';
export { DEFAULT_TENANT_CONCURRENCY, TenantsFailedError } from './commands/tenants/tenant';
export type { TenantDescriptor } from './commands/tenants/tenant';
export type { TenantRunOptions } from './commands/tenants/run-tenants';
export type { ProviderToken, ResolveProvider } from './config/provider-token';

// Coming from TypeORM, and squashing history
export { importTypeorm, typeormRevisionId } from './commands/import-typeorm';
export type { ImportTypeormOptions, ImportTypeormResult } from './commands/import-typeorm';
export { squash } from './commands/squash';
export type { SquashOptions, SquashResult } from './commands/squash';
export { runTypeormMigration } from './runtime/typeorm-migration';
