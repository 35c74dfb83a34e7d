import type { MigrateOperation } from '../../operations/migrate-operation';
import { DatabaseSchema, qualifiedName, TableModel } from '../introspect/schema-model';
import { compareColumns } from './columns';
import { compareTableComment } from './comments';
import { compareCheckConstraints, comparePrimaryKey, compareUniqueConstraints } from './constraints';
import { CompareContext, CompareOptions, DestructiveChange, newContext, Phases, RenameHint } from './context';
import { compareEnums } from './enums';
import { compareForeignKeys } from './foreign-keys';
import { compareIndexes } from './indexes';
import { schemaFilter } from './schemas';
import { createTables, dropTables } from './tables';

export interface SchemaComparison {
  /** The ops that bring the database to the entities, in an order that applies. */
  readonly ops: MigrateOperation[];
  /** Drops and narrowing type changes among `ops`, for the user to review. */
  readonly destructive: DestructiveChange[];
  /** Dropped-and-added column pairs that may be renames; the ops do not rename. */
  readonly renameHints: RenameHint[];
  /** Other things worth saying (a NOT NULL column added without a default, what SQLite needs batch mode for, a missing schema). */
  readonly notes: string[];
}

// The phases in the order they apply. New enum types come before the tables that use them; every
// foreign key that goes away is dropped before any table or column; new tables are created parents
// first, before the columns, indexes and foreign keys of existing tables that may refer to them;
// dropped tables go last, children first. The downgrade (each op reversed, last first) is then in
// an order that applies too.
const PHASE_ORDER: readonly (keyof Phases)[] = [
  'enums',
  'dropForeignKeys',
  'dropIndexesAndConstraints',
  'createTables',
  'columns',
  'createIndexesAndConstraints',
  'createForeignKeys',
  'comments',
  'dropTables',
];

/**
 * Compares the schema the entities describe with the database's (Alembic's `compare_metadata`):
 * tables added and dropped, then for each table in both, by schema and name: columns (added,
 * dropped, type, nullability, server default, comment), primary key, unique constraints, named
 * checks, indexes, foreign keys and the table comment; and PostgreSQL enum types. On PostgreSQL
 * only the default schema takes part unless `includeSchemas` is set (see schemas.ts).
 * @param metadata what the entities describe (see entity-schema.ts)
 * @param database what introspect() read
 */
export function compareSchemas(metadata: DatabaseSchema, database: DatabaseSchema, options: CompareOptions = {}): SchemaComparison {
  const context = newContext(metadata.dialect, options);
  const isCompared = schemaFilter(context, metadata, database);
  compareEnums(context, metadata, database, isCompared);

  const databaseTables = [...database.tables.values()].filter(
    (t) => isCompared(t.schema) && context.include(t, t.name, 'table', true, metadata.tables.get(qualifiedName(t.schema, t.name)), undefined, t.schema),
  );
  const databaseTable = (table: TableModel) => {
    const candidates = databaseTables.filter((t) => t.schema === table.schema);
    return candidates.find((t) => t.name === table.name) ?? candidates.find((t) => t.name.toLowerCase() === table.name.toLowerCase());
  };
  const added: TableModel[] = [];
  const matched = new Set<TableModel>();
  for (const table of sorted(metadata.tables.values())) {
    if (!isCompared(table.schema)) continue;
    const existing = databaseTable(table);
    if (!context.include(table, table.name, 'table', false, existing)) {
      if (existing) matched.add(existing);
      continue;
    }
    if (!existing) {
      added.push(table);
      continue;
    }
    matched.add(existing);
    compareTable(context, table, existing);
  }
  createTables(context, added);
  dropTables(context, sorted(databaseTables.filter((t) => !matched.has(t))));

  return {
    ops: PHASE_ORDER.flatMap((phase) => context.phases[phase]),
    destructive: context.destructive,
    renameHints: context.renameHints,
    notes: context.notes,
  };
}

// What SQLite's ALTER TABLE cannot do in place (see operations/batch-plan.ts): these need op.batchAlterTable.
const SQLITE_BATCH_ONLY = new Set(['AlterColumnOp', 'CreateForeignKeyOp', 'CreateUniqueConstraintOp', 'CreateCheckConstraintOp', 'CreatePrimaryKeyOp', 'DropConstraintOp']);

function compareTable(context: CompareContext, metadata: TableModel, database: TableModel): void {
  const before = new Set(Object.values(context.phases).flat());
  compareColumns(context, metadata, database);
  comparePrimaryKey(context, metadata, database);
  const claimed = compareUniqueConstraints(context, metadata, database);
  compareCheckConstraints(context, metadata, database);
  compareIndexes(context, metadata, database, claimed);
  compareForeignKeys(context, metadata, database);
  compareTableComment(context, metadata, database);
  if (context.dialect !== 'sqlite') return;
  const needBatch = Object.values(context.phases)
    .flat()
    .filter((op) => !before.has(op) && SQLITE_BATCH_ONLY.has(op.constructor.name));
  if (needBatch.length) context.notes.push(`${metadata.name}: SQLite cannot ${[...new Set(needBatch.map((op) => op.constructor.name))].join(', ')} in place; run them in op.batchAlterTable('${metadata.name}', ...)`);
}

/** By name, the default schema's tables first, then each other schema's in order. */
function sorted(tables: Iterable<TableModel>): TableModel[] {
  const key = (t: TableModel) => [t.schema === undefined ? 0 : 1, t.schema ?? '', t.name] as const;
  return [...tables].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}
