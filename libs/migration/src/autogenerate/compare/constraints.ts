import { CreateCheckConstraintOp, CreatePrimaryKeyOp, CreateUniqueConstraintOp, DropConstraintOp } from '../../operations/constraint-ops';
import { f, ObjectName } from '../../operations/schema-objects';
import type { CheckConstraintModel, IndexModel, TableModel, UniqueConstraintModel } from '../../dialects/schema-model';
import { checkConditionChanged } from '../../operations/check-conditions';
import { CompareContext, findByName, sameList, schemaOf } from './context';
import { toCheck, toUnique } from './elements';
import { standsFor } from './typeorm-names';
import { dialectFor } from '../../dialects/registry';

const finalName = (name: string | undefined): ObjectName => (name ? f(name) : null);

/**
 * Unique constraints, matched by their columns (SQLite's may be unnamed). On MySQL a unique
 * constraint is a unique index, so the entities' unique constraints are matched against the
 * database's unique indexes too; returns the database indexes so claimed, which the index
 * comparison then leaves alone.
 */
export function compareUniqueConstraints(context: CompareContext, metadata: TableModel, database: TableModel): Set<IndexModel> {
  const schema = schemaOf(metadata);
  const claimedIndexes = new Set<IndexModel>();
  const databaseUniques = database.uniqueConstraints.filter(
    (u) => u.name === undefined || context.include(u, u.name, 'unique_constraint', true, undefined, database.name, database.schema),
  );
  const matched = new Set<UniqueConstraintModel>();
  for (const unique of metadata.uniqueConstraints) {
    const existing = databaseUniques.find((u) => !matched.has(u) && sameList(u.columns, unique.columns));
    if (!context.include(unique, unique.name, 'unique_constraint', false, existing)) {
      if (existing) matched.add(existing);
      continue;
    }
    if (existing) {
      matched.add(existing);
      continue;
    }
    if (dialectFor(context.dialect).schema.uniqueConstraintsAreIndexes) {
      const index = database.indexes.find((i) => i.unique && !claimedIndexes.has(i) && sameList(i.columns, unique.columns));
      if (index) {
        claimedIndexes.add(index);
        continue;
      }
    }
    context.phases.createIndexesAndConstraints.push(
      new CreateUniqueConstraintOp(finalName(unique.name), metadata.name, unique.columns, schema),
    );
  }
  for (const unique of databaseUniques) {
    if (matched.has(unique)) continue;
    if (unique.name === undefined) {
      context.notes.push(
        `${database.name}: an unnamed unique constraint on (${unique.columns.join(', ')}) is not in the entities; drop it with op.batchAlterTable`,
      );
      continue;
    }
    context.phases.dropIndexesAndConstraints.push(
      new DropConstraintOp(unique.name, database.name, { ...schema, type: 'unique', existing: toUnique(unique) }),
    );
  }
  return claimedIndexes;
}

/**
 * Check constraints, by name: added, dropped, and changed (a drop and a create) when the
 * condition certainly changed. Databases rewrite conditions, so both sides are normalised first
 * and a difference that may be the database's rewriting is not reported (see operations/check-conditions.ts).
 * A check matches one with the same condition under the name TypeORM gives it, or (named by the
 * convention) under any TypeORM-made name or none (SQLite, where TypeORM leaves enum checks
 * unnamed); other unnamed checks in the database are left alone.
 */
export function compareCheckConstraints(context: CompareContext, metadata: TableModel, database: TableModel): void {
  const schema = schemaOf(metadata);
  const databaseChecks = database.checkConstraints.filter(
    (c) => c.name !== undefined && context.include(c, c.name, 'check_constraint', true, undefined, database.name, database.schema),
  );
  const unnamed = database.checkConstraints.filter((c) => c.name === undefined);
  const drop = (check: CheckConstraintModel) =>
    context.phases.dropIndexesAndConstraints.push(
      new DropConstraintOp(check.name as string, database.name, { ...schema, type: 'check', existing: toCheck(check) }),
    );
  const matched = new Set<CheckConstraintModel>();
  for (const check of metadata.checkConstraints) {
    if (check.name === undefined) continue;
    const sameCondition = (c: CheckConstraintModel) =>
      !checkConditionChanged(dialectFor(context.dialect).checkConditions, c.condition, check.condition);
    const existing =
      findByName(databaseChecks, check.name) ??
      [...databaseChecks, ...unnamed].find(
        (c) => !matched.has(c) && standsFor(c.name, check) && !findByName(metadata.checkConstraints, c.name) && sameCondition(c),
      );
    if (existing) matched.add(existing);
    if (!context.include(check, check.name, 'check_constraint', false, existing)) continue;
    if (existing && sameCondition(existing)) continue;
    if (existing) drop(existing);
    context.phases.createIndexesAndConstraints.push(new CreateCheckConstraintOp(f(check.name), metadata.name, check.condition, schema));
  }
  for (const check of databaseChecks) {
    if (!matched.has(check) && !findByName(metadata.checkConstraints, check.name)) drop(check);
  }
}

/**
 * The primary key's columns (its name is not compared: SQLite's has none). A changed key is
 * dropped before, and created after, the column changes (SQLite: in batch mode, see compare-schemas.ts).
 */
export function comparePrimaryKey(context: CompareContext, metadata: TableModel, database: TableModel): void {
  const before = database.primaryKey?.columns ?? [];
  const after = metadata.primaryKey?.columns ?? [];
  if (sameList(before, after)) return;
  const schema = schemaOf(metadata);
  if (database.primaryKey && before.length) {
    context.phases.dropIndexesAndConstraints.push(
      new DropConstraintOp(database.primaryKey.name ?? null, database.name, {
        ...schema,
        type: 'primary',
        existing: { kind: 'primaryKey', columns: before, name: finalName(database.primaryKey.name) },
      }),
    );
  }
  if (metadata.primaryKey && after.length) {
    context.phases.createIndexesAndConstraints.push(
      new CreatePrimaryKeyOp(finalName(metadata.primaryKey.name), metadata.name, after, schema),
    );
  }
}
