import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import { f } from '../../operations/schema-objects';
import type { IndexModel, TableModel } from '../../dialects/schema-model';
import { CompareContext, findByName, sameList, schemaOf } from './context';
import { toIndex } from './elements';
import { standsFor } from './typeorm-names';
import { dialectFor } from '../../dialects/registry';

// PostgreSQL returns a partial index's predicate rewritten: parenthesised, quoted, with casts.
function normalizePredicate(where: string | undefined): string {
  return (where ?? '')
    .replace(/::[a-z_ ]+/gi, '')
    .replace(/["`()\s]/g, '')
    .toLowerCase();
}

function sameIndex(a: IndexModel, b: IndexModel): boolean {
  const keys = (i: IndexModel) => (i.expressions ?? i.columns.map((c) => c ?? '')).map((k) => k.replace(/["`\s]/g, '').toLowerCase());
  return a.unique === b.unique && sameList(keys(a), keys(b)) && normalizePredicate(a.where) === normalizePredicate(b.where);
}

/**
 * Indexes, by name as Alembic does: added, dropped, and changed (columns, uniqueness or
 * predicate) as a drop and a create. An index matches the same index under the name TypeORM
 * gives it (`IDX_...`), also where MySQL uses it for a foreign key, so no second index is made
 * beside it. MySQL creates an index for a foreign key that has none; such an index (named as the
 * key, or over exactly its columns) that no entity index matches is not the entities' business
 * and is never dropped, nor are the unique indexes `claimed` as unique constraints.
 */
export function compareIndexes(
  context: CompareContext,
  metadata: TableModel,
  database: TableModel,
  claimed: ReadonlySet<IndexModel> = new Set(),
): void {
  const schema = schemaOf(metadata);
  const databaseIndexes = database.indexes.filter(
    (i) =>
      !claimed.has(i) && context.include(i, i.name, 'index', true, findByName(metadata.indexes, i.name), database.name, database.schema),
  );
  const matched = new Set<IndexModel>();
  for (const index of metadata.indexes) {
    const existing =
      findByName(databaseIndexes, index.name) ??
      uniqueTwin(context, index, metadata, databaseIndexes, matched) ??
      typeormTwin(index, metadata, databaseIndexes, matched);
    if (existing) matched.add(existing);
    if (!context.include(index, index.name, 'index', false, existing)) continue;
    if (existing && sameIndex(existing, index)) continue;
    if (existing) context.phases.dropIndexesAndConstraints.push(dropIndexOp(database, existing));
    const definition = toIndex(index);
    context.phases.createIndexesAndConstraints.push(
      new CreateIndexOp(f(index.name), metadata.name, definition.columns, {
        ...schema,
        ...(index.unique ? { unique: true } : {}),
        ...(index.where ? { where: index.where } : {}),
      }),
    );
  }
  for (const index of databaseIndexes) {
    if (matched.has(index) || findByName(metadata.indexes, index.name) || backsForeignKey(context, index, metadata, database)) continue;
    context.phases.dropIndexesAndConstraints.push(dropIndexOp(database, index));
  }
}

/**
 * MySQL keeps a unique constraint as a unique index, and TypeORM turns an entity's unique
 * column into a unique index there, named `ix_` where the other dialects' unique constraint is
 * `uq_`. So on MySQL an entity's unique index is the database's unique index over the same
 * columns under another name (say `uq_users_email`, from a revision's `unique: true` column),
 * and the same revisions then check clean on every dialect.
 */
function uniqueTwin(
  context: CompareContext,
  index: IndexModel,
  metadata: TableModel,
  candidates: readonly IndexModel[],
  matched: ReadonlySet<IndexModel>,
): IndexModel | undefined {
  if (!dialectFor(context.dialect).schema.uniqueConstraintsAreIndexes || !index.unique) return undefined;
  return candidates.find((i) => !matched.has(i) && !findByName(metadata.indexes, i.name) && sameIndex(i, index));
}

/** The same index under the name TypeORM gives it or made (see typeorm-names.ts). */
function typeormTwin(
  index: IndexModel,
  metadata: TableModel,
  candidates: readonly IndexModel[],
  matched: ReadonlySet<IndexModel>,
): IndexModel | undefined {
  return candidates.find(
    (i) => !matched.has(i) && standsFor(i.name, index) && !findByName(metadata.indexes, i.name) && sameIndex(i, index),
  );
}

function dropIndexOp(table: TableModel, index: IndexModel): DropIndexOp {
  return new DropIndexOp(index.name, table.name, { ...schemaOf(table), existing: toIndex(index) });
}

function backsForeignKey(context: CompareContext, index: IndexModel, metadata: TableModel, database: TableModel): boolean {
  if (!dialectFor(context.dialect).schema.indexesForeignKeys || index.unique || findByName(metadata.indexes, index.name)) return false;
  return database.foreignKeys.some((fk) => fk.name?.toLowerCase() === index.name.toLowerCase() || sameList(fk.columns, index.columns));
}
