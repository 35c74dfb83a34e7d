import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import { f, ConstraintType, ForeignKeyConstraint, ObjectName, isFinalName, ReferentialAction, TableConstraint } from './schema-objects';
import type { TableOptions } from './table-ops';

/** Base of the ops that add one constraint to an existing table. */
export abstract class AddConstraintOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly options: TableOptions = {},
  ) {
    super();
  }

  /** The constraint as `createTable` would take it. */
  abstract get constraint(): TableConstraint;

  abstract get constraintType(): ConstraintType;

  /**
   * Reverses to dropping it. A final name is dropped as is; otherwise the drop carries the
   * definition, and the dispatcher names it by the same naming convention the create used.
   */
  reverse(): DropConstraintOp {
    const name = this.constraint.name;
    return new DropConstraintOp(isFinalName(name) ? name.finalName : null, this.tableName, {
      schema: this.options.schema,
      type: this.constraintType,
      existing: this.constraint,
    });
  }
}

/** A constraint that is a name and a list of columns: a primary key or a unique constraint. */
export abstract class ColumnListConstraintOp extends AddConstraintOp {
  protected abstract readonly kind: 'primaryKey' | 'unique';

  constructor(
    readonly constraintName: ObjectName,
    tableName: string,
    readonly columns: readonly string[],
    options: TableOptions = {},
  ) {
    super(tableName, options);
  }

  get constraint(): TableConstraint {
    return { kind: this.kind, columns: this.columns, name: this.constraintName };
  }
}

export class CreatePrimaryKeyOp extends ColumnListConstraintOp {
  readonly constraintType = 'primary';
  protected readonly kind = 'primaryKey';
}

export interface ForeignKeyOptions {
  sourceSchema?: string;
  referentSchema?: string;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** `DEFERRABLE` (PostgreSQL, SQLite); an error on MySQL, which has no deferrable constraints. */
  deferrable?: boolean;
  initially?: 'DEFERRED' | 'IMMEDIATE';
}

export class CreateForeignKeyOp extends AddConstraintOp {
  readonly constraintType = 'foreignkey';

  constructor(
    readonly constraintName: ObjectName,
    sourceTable: string,
    readonly referentTable: string,
    readonly localColumns: readonly string[],
    readonly remoteColumns: readonly string[],
    readonly foreignKeyOptions: ForeignKeyOptions = {},
  ) {
    super(sourceTable, { schema: foreignKeyOptions.sourceSchema });
  }

  get constraint(): ForeignKeyConstraint {
    const { referentSchema, onDelete, onUpdate, deferrable, initially } = this.foreignKeyOptions;
    return {
      kind: 'foreignKey',
      columns: this.localColumns,
      referredTable: this.referentTable,
      referredColumns: this.remoteColumns,
      name: this.constraintName,
      ...(referentSchema === undefined ? {} : { referredSchema: referentSchema }),
      ...(onDelete === undefined ? {} : { onDelete }),
      ...(onUpdate === undefined ? {} : { onUpdate }),
      ...(deferrable === undefined ? {} : { deferrable }),
      ...(initially === undefined ? {} : { initially }),
    };
  }
}

export class CreateUniqueConstraintOp extends ColumnListConstraintOp {
  readonly constraintType = 'unique';
  protected readonly kind = 'unique';
}

export class CreateCheckConstraintOp extends AddConstraintOp {
  readonly constraintType = 'check';

  constructor(
    readonly constraintName: ObjectName,
    tableName: string,
    readonly condition: string,
    options: TableOptions = {},
  ) {
    super(tableName, options);
  }

  get constraint(): TableConstraint {
    return { kind: 'check', condition: this.condition, name: this.constraintName };
  }
}

export interface DropConstraintOptions extends TableOptions {
  /** Needed on MySQL for a primary key, foreign key or unique constraint. */
  type?: ConstraintType;
  /** The constraint's definition, to reverse the drop. */
  existing?: TableConstraint;
}

/** Drops a constraint by name; a null name is the one the naming convention gives `existing`. */
export class DropConstraintOp extends MigrateOperation {
  constructor(
    readonly constraintName: string | null,
    readonly tableName: string,
    readonly options: DropConstraintOptions = {},
  ) {
    super();
  }

  reverse(): AddConstraintOp {
    const { existing, schema } = this.options;
    if (!existing) {
      throw new NotInvertibleError(`dropConstraint('${this.constraintName}', '${this.tableName}')`, 'pass existing (its definition)');
    }
    // The dropped constraint had exactly this name: recreate it so, whatever the naming convention.
    const name = this.constraintName === null ? existing.name : f(this.constraintName);
    return addConstraintOp(name, this.tableName, existing, schema);
  }
}

/** The op that adds a constraint given as `createTable` takes it. */
export function addConstraintOp(name: ObjectName, table: string, constraint: TableConstraint, schema?: string): AddConstraintOp {
  const build = CREATE_CONSTRAINT[constraint.kind] as (
    name: ObjectName,
    table: string,
    c: TableConstraint,
    schema?: string,
  ) => AddConstraintOp;
  return build(name, table, constraint, schema);
}

const CREATE_CONSTRAINT: {
  [K in TableConstraint['kind']]: (
    name: ObjectName,
    table: string,
    c: Extract<TableConstraint, { kind: K }>,
    schema?: string,
  ) => AddConstraintOp;
} = {
  primaryKey: (name, table, c, schema) => new CreatePrimaryKeyOp(name, table, c.columns, { schema }),
  foreignKey: (name, table, c, schema) =>
    new CreateForeignKeyOp(name, table, c.referredTable, c.columns, c.referredColumns, {
      sourceSchema: schema,
      referentSchema: c.referredSchema,
      onDelete: c.onDelete,
      onUpdate: c.onUpdate,
      deferrable: c.deferrable,
      initially: c.initially,
    }),
  unique: (name, table, c, schema) => new CreateUniqueConstraintOp(name, table, c.columns, { schema }),
  check: (name, table, c, schema) => new CreateCheckConstraintOp(name, table, c.condition, { schema }),
};
