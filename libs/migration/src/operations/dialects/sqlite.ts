import { MigrationError } from '../../errors';
import { AlterColumnOp } from '../column-ops';
import { isIntegerType } from '../column-types';
import { AddConstraintOp, DropConstraintOp } from '../constraint-ops';
import type { Dialect } from '../migration-ops';
import { Column, isColumn, ServerDefault, TableConstraint } from '../schema-objects';
import { CreateTableOp } from '../table-ops';
import { DdlImpl, Statement } from './ddl-impl';

/**
 * SQLite: ALTER TABLE can only rename, add and drop columns. Changing a column or a constraint
 * needs the table recreated, which is batch mode's job, so those ops fail with that advice.
 * SQLite has no comments; they are left out, as SQLAlchemy does.
 */
export class SqliteImpl extends DdlImpl {
  readonly dialect: Dialect = 'sqlite';

  // INTEGER PRIMARY KEY AUTOINCREMENT must be written on the column, and then nowhere else.
  protected override columnBody(column: Column, inCreateTable: boolean): string {
    if (!column.autoincrement) return super.columnBody(column, inCreateTable);
    if (!isIntegerType(column.type) || !inCreateTable) {
      throw new MigrationError(`Column ${column.name}: sqlite autoincrement needs an integer primary key declared in createTable`);
    }
    return 'INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT';
  }

  protected override tableConstraints(op: CreateTableOp): TableConstraint[] {
    const constraints = super.tableConstraints(op);
    if (!op.elements.filter(isColumn).some((c) => c.autoincrement)) return constraints;
    return constraints.filter((c) => c.kind !== 'primaryKey');
  }

  // A default that is an expression must be parenthesised on SQLite.
  protected override defaultValue(value: ServerDefault): string {
    const text = super.defaultValue(value);
    return typeof value === 'object' ? `(${text})` : text;
  }

  override createTableComment(): Statement[] {
    return [];
  }

  override dropTableComment(): Statement[] {
    return [];
  }

  protected override columnCommentStatements(): Statement[] {
    return [];
  }

  override alterColumn(op: AlterColumnOp): Statement[] {
    const { type, nullable, serverDefault, newColumnName, schema } = op.options;
    const changes = [type !== undefined && 'type', nullable !== undefined && 'nullability', serverDefault !== undefined && 'server default'].filter(Boolean);
    if (changes.length) throw this.needsBatch(`ALTER the ${changes.join(', ')} of column ${op.tableName}.${op.columnName}`);
    if (newColumnName === undefined) return [];
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, schema)} RENAME COLUMN ${this.q(op.columnName)} TO ${this.q(newColumnName)}` }];
  }

  override addConstraintOp(op: AddConstraintOp): Statement[] {
    throw this.needsBatch(`ADD a ${op.constraintType} constraint to table ${op.tableName}`);
  }

  protected override addConstraint(tableName: string, _schema: string | undefined, c: TableConstraint): Statement[] {
    throw this.needsBatch(`ADD a ${c.kind} constraint to table ${tableName}`);
  }

  override dropConstraint(op: DropConstraintOp): Statement[] {
    throw this.needsBatch(`DROP constraint ${op.constraintName ?? `(${op.options.existing?.kind})`} of table ${op.tableName}`);
  }
}
