import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import type { Column, ServerDefault } from './schema-objects';
import type { TableOptions } from './table-ops';

export class AddColumnOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly column: Column,
    readonly options: TableOptions = {},
  ) {
    super();
  }

  reverse(): DropColumnOp {
    return new DropColumnOp(this.tableName, this.column.name, { schema: this.options.schema, existingColumn: this.column });
  }
}

/** DROP COLUMN; reversible when given the `existingColumn` definition. */
export class DropColumnOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly columnName: string,
    readonly options: TableOptions & { existingColumn?: Column } = {},
  ) {
    super();
  }

  reverse(): AddColumnOp {
    const { schema, existingColumn } = this.options;
    if (!existingColumn) {
      throw new NotInvertibleError(`dropColumn('${this.tableName}', '${this.columnName}')`, 'pass existingColumn (its definition)');
    }
    return new AddColumnOp(this.tableName, { ...existingColumn, name: this.columnName }, { schema });
  }
}

/**
 * What `alterColumn` changes, and what the column is now. An option left undefined is not
 * changed; `serverDefault: null` / `comment: null` drop them. MySQL re-states the whole column,
 * so it needs the `existing*` values of what is not changed.
 */
export interface AlterColumnOptions extends TableOptions {
  type?: string;
  existingType?: string;
  nullable?: boolean;
  existingNullable?: boolean;
  serverDefault?: ServerDefault | null;
  existingServerDefault?: ServerDefault | null;
  comment?: string | null;
  existingComment?: string | null;
  newColumnName?: string;
  /** MySQL: the column is AUTO_INCREMENT, which MODIFY must re-state. */
  existingAutoincrement?: boolean;
  /** MySQL only: the column's `ON UPDATE` expression; null drops it. */
  onUpdate?: string | null;
  existingOnUpdate?: string | null;
  /** PostgreSQL `USING` expression for a type change. */
  using?: string;
}

// Each changed attribute and the existing value that undoes it.
const SWAPS = [
  ['type', 'existingType'],
  ['nullable', 'existingNullable'],
  ['serverDefault', 'existingServerDefault'],
  ['comment', 'existingComment'],
  ['onUpdate', 'existingOnUpdate'],
] as const;

export class AlterColumnOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly columnName: string,
    readonly options: AlterColumnOptions = {},
  ) {
    super();
  }

  reverse(): AlterColumnOp {
    const reversed: AlterColumnOptions = { ...this.options, using: undefined };
    for (const [changed, existing] of SWAPS) {
      if (this.options[changed] === undefined) continue;
      if (this.options[existing] === undefined) {
        throw new NotInvertibleError(
          `alterColumn('${this.tableName}', '${this.columnName}')`,
          `it changes ${changed}, so pass ${existing}`,
        );
      }
      Object.assign(reversed, { [changed]: this.options[existing], [existing]: this.options[changed] });
    }
    const { newColumnName } = this.options;
    if (newColumnName === undefined) return new AlterColumnOp(this.tableName, this.columnName, reversed);
    return new AlterColumnOp(this.tableName, newColumnName, { ...reversed, newColumnName: this.columnName });
  }
}
