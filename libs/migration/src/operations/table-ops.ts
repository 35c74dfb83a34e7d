import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import type { TableElement } from './schema-objects';

export interface TableOptions {
  /** PostgreSQL schema; an error on the other dialects. */
  schema?: string;
}

/** CREATE TABLE with its columns, constraints and indexes. */
export class CreateTableOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly elements: readonly TableElement[],
    readonly options: TableOptions & { comment?: string } = {},
  ) {
    super();
  }

  reverse(): DropTableOp {
    return new DropTableOp(this.tableName, {
      schema: this.options.schema,
      existingElements: this.elements,
      existingComment: this.options.comment,
    });
  }
}

/** DROP TABLE; reversible when given the table's `existingElements`. */
export class DropTableOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly options: TableOptions & { existingElements?: readonly TableElement[]; existingComment?: string } = {},
  ) {
    super();
  }

  reverse(): CreateTableOp {
    if (!this.options.existingElements?.length) {
      throw new NotInvertibleError(`dropTable('${this.tableName}')`, 'pass existingElements (its columns and constraints)');
    }
    return new CreateTableOp(this.tableName, this.options.existingElements, {
      schema: this.options.schema,
      comment: this.options.existingComment,
    });
  }
}

export class RenameTableOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly newTableName: string,
    readonly options: TableOptions = {},
  ) {
    super();
  }

  reverse(): RenameTableOp {
    return new RenameTableOp(this.newTableName, this.tableName, this.options);
  }
}

/** Sets a table's comment; reverses to the `existingComment`, or to dropping it. */
export class CreateTableCommentOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly comment: string,
    readonly options: TableOptions & { existingComment?: string } = {},
  ) {
    super();
  }

  reverse(): CreateTableCommentOp | DropTableCommentOp {
    const { schema, existingComment } = this.options;
    if (existingComment === undefined) return new DropTableCommentOp(this.tableName, { schema, existingComment: this.comment });
    return new CreateTableCommentOp(this.tableName, existingComment, { schema, existingComment: this.comment });
  }
}

export class DropTableCommentOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly options: TableOptions & { existingComment?: string } = {},
  ) {
    super();
  }

  reverse(): CreateTableCommentOp {
    const { schema, existingComment } = this.options;
    if (existingComment === undefined) throw new NotInvertibleError(`dropTableComment('${this.tableName}')`, 'pass existingComment');
    return new CreateTableCommentOp(this.tableName, existingComment, { schema });
  }
}
