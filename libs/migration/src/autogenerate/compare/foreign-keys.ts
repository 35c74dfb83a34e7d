import { CreateForeignKeyOp, DropConstraintOp } from '../../operations/constraint-ops';
import { f } from '../../operations/schema-objects';
import type { ForeignKeyModel, ReferentialAction, TableModel } from '../../dialects/schema-model';
import { CompareContext, schemaOf } from './context';
import { toForeignKey } from './elements';

/** What identifies a foreign key across both sides: its columns and what they refer to (names may be absent or differ). */
export function foreignKeySignature(fk: ForeignKeyModel): string {
  return [
    fk.columns.join(',').toLowerCase(),
    (fk.referredSchema ?? '').toLowerCase(),
    fk.referredTable.toLowerCase(),
    fk.referredColumns.join(',').toLowerCase(),
  ].join('|');
}

// MySQL/MariaDB report RESTRICT where others report NO ACTION; InnoDB treats them alike.
function sameAction(a: ReferentialAction, b: ReferentialAction): boolean {
  const norm = (x: ReferentialAction) => (x === 'RESTRICT' ? 'NO ACTION' : x);
  return norm(a) === norm(b);
}

/**
 * Foreign keys of a table on both sides, matched by signature as Alembic does. A changed
 * ON DELETE / ON UPDATE is a drop and a create. Drops come before any table or column is dropped,
 * creates after every table and column exists.
 */
export function compareForeignKeys(context: CompareContext, metadata: TableModel, database: TableModel): void {
  const databaseKeys = database.foreignKeys.filter(
    (fk) =>
      fk.name === undefined || context.include(fk, fk.name, 'foreign_key_constraint', true, undefined, database.name, database.schema),
  );
  const bySignature = new Map(databaseKeys.map((fk) => [foreignKeySignature(fk), fk]));
  const matched = new Set<ForeignKeyModel>();
  for (const fk of metadata.foreignKeys) {
    const existing = bySignature.get(foreignKeySignature(fk));
    if (!context.include(fk, fk.name, 'foreign_key_constraint', false, existing)) {
      if (existing) matched.add(existing);
      continue;
    }
    if (existing && sameAction(existing.onDelete, fk.onDelete) && sameAction(existing.onUpdate, fk.onUpdate)) {
      matched.add(existing);
      continue;
    }
    context.phases.createForeignKeys.push(createForeignKeyOp(metadata, fk));
  }
  for (const fk of databaseKeys) {
    if (matched.has(fk)) continue;
    context.phases.dropForeignKeys.push(dropForeignKeyOp(database, fk));
  }
}

export function createForeignKeyOp(table: TableModel, fk: ForeignKeyModel): CreateForeignKeyOp {
  const c = toForeignKey(fk);
  return new CreateForeignKeyOp(fk.name ? f(fk.name) : null, table.name, fk.referredTable, fk.columns, fk.referredColumns, {
    ...(table.schema === undefined ? {} : { sourceSchema: table.schema }),
    ...(fk.referredSchema === undefined ? {} : { referentSchema: fk.referredSchema }),
    ...(c.onDelete === undefined ? {} : { onDelete: c.onDelete }),
    ...(c.onUpdate === undefined ? {} : { onUpdate: c.onUpdate }),
  });
}

export function dropForeignKeyOp(table: TableModel, fk: ForeignKeyModel): DropConstraintOp {
  return new DropConstraintOp(fk.name ?? null, table.name, { ...schemaOf(table), type: 'foreignkey', existing: toForeignKey(fk) });
}
