import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import { f, IndexDefinition, isFinalName, ObjectName, SqlText } from './schema-objects';
import type { TableOptions } from './table-ops';

export interface CreateIndexOptions extends TableOptions {
  unique?: boolean;
  /** PostgreSQL and SQLite: a partial index's condition. */
  where?: string;
  /** PostgreSQL: build without locking writes (`CONCURRENTLY`); the revision must export `transactional = false`. */
  concurrently?: boolean;
}

export class CreateIndexOp extends MigrateOperation {
  constructor(
    readonly indexName: ObjectName,
    readonly tableName: string,
    readonly columns: readonly (string | SqlText)[],
    readonly options: CreateIndexOptions = {},
  ) {
    super();
  }

  get definition(): IndexDefinition {
    const { unique, where } = this.options;
    return { kind: 'index', columns: this.columns, name: this.indexName, ...(unique ? { unique } : {}), ...(where ? { where } : {}) };
  }

  /** A final name is dropped as is; otherwise the dispatcher names the drop by the convention the create used. */
  reverse(): DropIndexOp {
    const name = this.indexName;
    return new DropIndexOp(isFinalName(name) ? name.finalName : null, this.tableName, {
      schema: this.options.schema,
      existing: this.definition,
      ...(this.options.concurrently ? { concurrently: true } : {}),
    });
  }
}

/** Drops an index. MySQL needs its table. A null name is the one the naming convention gives `existing`. */
export class DropIndexOp extends MigrateOperation {
  constructor(
    readonly indexName: string | null,
    readonly tableName: string | undefined,
    readonly options: TableOptions & { existing?: IndexDefinition; concurrently?: boolean } = {},
  ) {
    super();
  }

  reverse(): CreateIndexOp {
    const { existing, schema, concurrently } = this.options;
    if (!existing || this.tableName === undefined) {
      throw new NotInvertibleError(`dropIndex('${this.indexName}')`, 'pass its table and existing (its definition)');
    }
    const name = this.indexName === null ? existing.name : f(this.indexName);
    return new CreateIndexOp(name, this.tableName, existing.columns, {
      schema,
      unique: existing.unique,
      where: existing.where,
      ...(concurrently ? { concurrently } : {}),
    });
  }
}
