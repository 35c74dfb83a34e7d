import { CreateTableCommentOp, DropTableCommentOp } from '../../operations/table-ops';
import type { TableModel } from '../../dialects/schema-model';
import { CompareContext, schemaOf } from './context';
import { dialectFor } from '../../dialects/registry';

/** True when two comments differ; no comment and an empty one are the same. */
export function commentChanged(database: string | undefined, metadata: string | undefined): boolean {
  return (database || undefined) !== (metadata || undefined);
}

/** A table comment set, changed or dropped. SQLite has no comments, so nothing is compared there. */
export function compareTableComment(context: CompareContext, metadata: TableModel, database: TableModel): void {
  if (!dialectFor(context.dialect).schema.hasComments || !commentChanged(database.comment, metadata.comment)) return;
  const schema = schemaOf(metadata);
  const existing = database.comment || undefined;
  context.phases.comments.push(
    metadata.comment
      ? new CreateTableCommentOp(metadata.name, metadata.comment, {
          ...schema,
          ...(existing === undefined ? {} : { existingComment: existing }),
        })
      : new DropTableCommentOp(metadata.name, { ...schema, existingComment: existing }),
  );
}
