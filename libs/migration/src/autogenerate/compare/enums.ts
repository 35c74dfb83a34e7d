import { AddEnumValueOp, CreateEnumTypeOp } from '../../operations/enum-ops';
import { DatabaseSchema, splitQualifiedName } from '../../dialects/schema-model';
import type { CompareContext } from './context';
import type { SchemaFilter } from './schemas';
import { dialectFor } from '../../dialects/registry';

/**
 * PostgreSQL enum types: a new type is created before the tables that use it; labels the
 * entities add to an existing type are added in place (after the label before them). PostgreSQL
 * cannot remove a label, so a removed one is only reported. Types no entity uses are left alone:
 * something other than these tables may use them. A type outside the default schema is keyed
 * `schema.name`, and its ops carry the schema; only the compared schemas' types take part.
 */
export function compareEnums(context: CompareContext, metadata: DatabaseSchema, database: DatabaseSchema, isCompared: SchemaFilter): void {
  if (dialectFor(context.dialect).schema.enumStyle !== 'type') return;
  for (const key of [...metadata.enums.keys()].sort()) {
    const { schema, name } = splitQualifiedName(key);
    if (!isCompared(schema)) continue;
    const options = schema === undefined ? {} : { schema };
    const labels = metadata.enums.get(key) ?? [];
    const existing = database.enums.get(key);
    if (existing === undefined) {
      context.phases.enums.push(new CreateEnumTypeOp(name, labels, options));
      continue;
    }
    const present = new Set(existing);
    labels.forEach((label, i) => {
      if (present.has(label)) return;
      const after = labels
        .slice(0, i)
        .reverse()
        .find((l) => present.has(l));
      const before = labels.slice(i + 1).find((l) => present.has(l));
      context.phases.enums.push(
        new AddEnumValueOp(name, label, { ...options, ...(after !== undefined ? { after } : before !== undefined ? { before } : {}) }),
      );
      present.add(label);
    });
    const removed = existing.filter((label) => !labels.includes(label));
    if (removed.length) {
      context.destructive.push({
        kind: 'drop-enum-value',
        table: key,
        from: removed.join(', '),
        message: `Enum type ${key} no longer lists ${removed.map((l) => `'${l}'`).join(', ')}; PostgreSQL cannot drop enum labels, so no operation was generated (recreate the type by hand)`,
      });
    }
  }
}
