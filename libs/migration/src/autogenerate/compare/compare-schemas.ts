import type { MigrateOperation } from '../../operations/migrate-operation';
import { RenameTableOp } from '../../operations/table-ops';
import { DatabaseSchema, qualifiedName, TableModel } from '../../dialects/schema-model';
import { compareColumns } from './columns';
import { compareTableComment } from './comments';
import { compareCheckConstraints, comparePrimaryKey, compareUniqueConstraints } from './constraints';
import { CompareContext, CompareOptions, DestructiveChange, newContext, Phases, Rename, RenameHint, schemaOf } from './context';
import { compareEnums } from './enums';
import { compareForeignKeys } from './foreign-keys';
import { compareIndexes } from './indexes';
import { provenRenames } from './renames';
import { schemaFilter } from './schemas';
import { createTables, dropTables } from './tables';

export interface SchemaComparison {
  /** The ops that bring the database to the entities, in an order that applies. */
  readonly ops: MigrateOperation[];
  /** Drops and narrowing type changes among `ops`, for the user to review. */
  readonly destructive: DestructiveChange[];
  /** Tables and columns the metadata proves renamed; the ops rename them. */
  readonly renames: Rename[];
  /** Dropped-and-added column pairs that may be renames; the ops do not rename. */
  readonly renameHints: RenameHint[];
  /** Other things worth saying (a schema not compared, or missing). */
  readonly notes: string[];
}

// The phases in the order they apply. New enum types come before the tables that use them; a
// renamed table gets its new name before anything else names it by that name; every
// foreign key that goes away is dropped before any table or column; new tables are created parents
// first, before the columns, indexes and foreign keys of existing tables that may refer to them;
// dropped tables go last, children first. The downgrade (each op reversed, last first) is then in
// an order that applies too.
const PHASE_ORDER: readonly (keyof Phases)[] = [
  'enums',
  'renameTables',
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
 * tables added, dropped and (where the metadata proves it, see renames.ts) renamed, then for each
 * table in both, by schema and name: columns (added, dropped, renamed, type, nullability, server
 * default, comment), primary key, unique constraints, checks, indexes, foreign keys and the table
 * comment; and PostgreSQL enum types. On PostgreSQL only the default schema takes part unless
 * `includeSchemas` is set (see schemas.ts).
 * @param metadata what the entities describe (see entity-schema.ts)
 * @param database what introspect() read
 */
export function compareSchemas(metadata: DatabaseSchema, database: DatabaseSchema, options: CompareOptions = {}): SchemaComparison {
  const context = newContext(metadata.dialect, options);
  const isCompared = schemaFilter(context, metadata, database);
  compareEnums(context, metadata, database, isCompared);

  const databaseTables = [...database.tables.values()].filter(
    (t) =>
      isCompared(t.schema) &&
      context.include(t, t.name, 'table', true, metadata.tables.get(qualifiedName(t.schema, t.name)), undefined, t.schema),
  );
  const databaseTable = tableFinder(databaseTables);
  const compared = sorted(metadata.tables.values()).filter((t) => isCompared(t.schema));
  const found = new Map(compared.map((table) => [table, databaseTable(table)]));
  const claimed = new Set(found.values());
  const unclaimed = databaseTables.filter((t) => !claimed.has(t));
  const renamed = new Map<TableModel, TableModel>();
  for (const schema of new Set(compared.map((t) => t.schema))) {
    const missing = compared.filter((t) => t.schema === schema && !found.get(t));
    for (const [table, old] of provenRenames(
      missing,
      unclaimed.filter((t) => t.schema === schema),
    ))
      renamed.set(table, old);
  }
  const added: TableModel[] = [];
  const matched = new Set<TableModel>();
  for (const table of compared) {
    const existing = found.get(table) ?? renamed.get(table);
    if (!context.include(table, table.name, 'table', false, existing)) {
      if (existing) matched.add(existing);
      continue;
    }
    if (!existing) {
      added.push(table);
      continue;
    }
    matched.add(existing);
    if (existing.name !== table.name && renamed.has(table)) {
      renameTable(context, table, existing);
      compareTable(context, table, { ...existing, name: table.name });
    } else compareTable(context, table, existing);
  }
  createTables(context, added);
  dropTables(context, sorted(databaseTables.filter((t) => !matched.has(t))));

  return {
    ops: PHASE_ORDER.flatMap((phase) => context.phases[phase]),
    destructive: context.destructive,
    renames: context.renames,
    renameHints: context.renameHints,
    notes: context.notes,
  };
}

/** A table the metadata proves renamed (see renames.ts): renamed first, then compared under its new name. */
function renameTable(context: CompareContext, metadata: TableModel, database: TableModel): void {
  const op = new RenameTableOp(database.name, metadata.name, schemaOf(metadata));
  const table = qualifiedName(metadata.schema, metadata.name);
  context.phases.renameTables.push(op);
  context.renames.push({
    kind: 'table',
    table,
    from: database.name,
    to: metadata.name,
    op,
    message: `table ${qualifiedName(database.schema, database.name)} is renamed ${metadata.name}: the entity names its table ${metadata.name}, and ${database.name} is the name TypeORM derives from its class`,
  });
}

function compareTable(context: CompareContext, metadata: TableModel, database: TableModel): void {
  compareColumns(context, metadata, database);
  comparePrimaryKey(context, metadata, database);
  const claimed = compareUniqueConstraints(context, metadata, database);
  compareCheckConstraints(context, metadata, database);
  compareIndexes(context, metadata, database, claimed);
  compareForeignKeys(context, metadata, database);
  compareTableComment(context, metadata, database);
}

/**
 * Finds a table's counterpart among `tables`, in the same schema: the one of the same name, else
 * the first whose name differs only in case. Indexed once, since every entity table is looked up.
 */
function tableFinder(tables: readonly TableModel[]): (table: TableModel) => TableModel | undefined {
  const bySchema = new Map<string | undefined, { exact: Map<string, TableModel>; folded: Map<string, TableModel> }>();
  for (const table of tables) {
    let names = bySchema.get(table.schema);
    if (names === undefined) bySchema.set(table.schema, (names = { exact: new Map(), folded: new Map() }));
    if (!names.exact.has(table.name)) names.exact.set(table.name, table);
    const folded = table.name.toLowerCase();
    if (!names.folded.has(folded)) names.folded.set(folded, table);
  }
  return (table) => {
    const names = bySchema.get(table.schema);
    return names?.exact.get(table.name) ?? names?.folded.get(table.name.toLowerCase());
  };
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
