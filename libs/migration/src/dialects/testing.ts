// Spec helper (excluded from the build): renders ops with the SqlEmitter's own quoting and literals.
import { quoteIdentifier, renderLiteral } from '../runtime/sql-emitter';
import { renderOperation } from '../operations/dispatch';
import { ddlImplFor } from './registry';
import type { MigrateOperation } from '../operations/migrate-operation';
import type { Dialect } from '../operations/migration-ops';
import { DEFAULT_NAMING_CONVENTION, NamingConvention } from '../operations/naming-convention';

/** The SQL of `op` on `dialect`, one string per statement. */
export function render(dialect: Dialect, op: MigrateOperation, namingConvention: NamingConvention = DEFAULT_NAMING_CONVENTION): string[] {
  const impl = ddlImplFor(dialect, {
    quoteIdentifier: (name) => quoteIdentifier(dialect, name),
    renderLiteral: (value) => renderLiteral(dialect, value),
    namingConvention,
  });
  return renderOperation(impl, op).map((s) => s.sql);
}

/** A table using every kind of element, for the dialect specs. */
export const POST_TABLE = {
  name: 'post',
  elements: [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'title', type: 'varchar(50)', nullable: false, comment: 'the title' },
    { name: 'author_id', type: 'integer' },
    { name: 'created', type: 'timestamp with time zone', serverDefault: { sqlText: 'CURRENT_TIMESTAMP' } },
    { name: 'slug', type: 'text', unique: true, serverDefault: "it's" },
    { kind: 'foreignKey', columns: ['author_id'], referredTable: 'user', referredColumns: ['id'], onDelete: 'CASCADE' },
    { kind: 'check', condition: 'length(title) > 0', name: 'title_not_empty' },
    { kind: 'index', columns: ['title', 'author_id'] },
  ],
} as const;
