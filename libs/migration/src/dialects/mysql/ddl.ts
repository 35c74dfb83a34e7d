import { MigrationError } from '../../errors';
import { AlterColumnOp } from '../../operations/column-ops';
import { DropConstraintOp } from '../../operations/constraint-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import type { Dialect } from '../../operations/migration-ops';
import type { Column, TableConstraint } from '../../operations/schema-objects';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp } from '../../operations/table-ops';
import { DdlImpl, isNotNull, Statement, UnsupportedOperationError } from '../../operations/ddl-impl';
import { MYSQL_COLUMN_TYPES } from './column-types';

/**
 * MySQL and MariaDB: comments inline, AUTO_INCREMENT, a dedicated DROP per constraint type, and
 * ALTER of a column by re-stating its whole definition (MODIFY / CHANGE).
 */
export class MysqlImpl extends DdlImpl {
  readonly dialect: Dialect = 'mysql';
  protected readonly columnTypes = MYSQL_COLUMN_TYPES;
  protected override readonly hasOnUpdate = true;

  protected override columnBody(column: Column): string {
    const parts = [this.columnType(column.type)];
    if (isNotNull(column) || column.autoincrement) parts.push('NOT NULL');
    if (column.serverDefault !== undefined) parts.push(`DEFAULT ${this.defaultValue(column.serverDefault)}`);
    if (column.onUpdate !== undefined) parts.push(`ON UPDATE ${column.onUpdate}`);
    if (column.autoincrement) parts.push('AUTO_INCREMENT');
    if (column.comment !== undefined) parts.push(`COMMENT ${this.literal(column.comment)}`);
    return parts.join(' ');
  }

  protected override tableOptionsClause(op: CreateTableOp): string {
    return op.options.comment === undefined ? '' : ` COMMENT=${this.literal(op.options.comment)}`;
  }

  // Comments are part of the table and column definitions.
  protected override commentStatements(): Statement[] {
    return [];
  }

  protected override columnCommentStatements(): Statement[] {
    return [];
  }

  override createTableComment(op: CreateTableCommentOp): Statement[] {
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, op.options.schema)} COMMENT ${this.literal(op.comment)}` }];
  }

  override dropTableComment(op: DropTableCommentOp): Statement[] {
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, op.options.schema)} COMMENT ''` }];
  }

  /**
   * A default alone is ALTER COLUMN SET/DROP DEFAULT. Anything else re-states the column with
   * MODIFY (or CHANGE, to rename), from the new values and the `existing*` ones: whatever the
   * statement leaves out, the column loses (its default, comment, AUTO_INCREMENT), so each one
   * is required (online the runtime reads those not given from the live column).
   * @throws MigrationError naming the first `existing*` argument missing
   */
  override alterColumn(op: AlterColumnOp): Statement[] {
    const { tableName, columnName, options: o } = op;
    const table = this.table(tableName, o.schema);
    if (!restatesColumn(op)) {
      if (o.serverDefault === undefined) return [];
      const change = o.serverDefault === null ? 'DROP DEFAULT' : `SET DEFAULT ${this.defaultValue(o.serverDefault)}`;
      return [{ sql: `ALTER TABLE ${table} ALTER COLUMN ${this.q(columnName)} ${change}` }];
    }
    const [missing] = missingExisting(op);
    if (missing !== undefined) {
      throw new MigrationError(
        `alterColumn('${tableName}', '${columnName}') on mysql re-states the whole column: pass ${missing}${WHEN_NONE[missing] ?? ''}`,
      );
    }
    const serverDefault = o.serverDefault !== undefined ? o.serverDefault : o.existingServerDefault;
    const comment = o.comment !== undefined ? o.comment : o.existingComment;
    const onUpdate = o.onUpdate !== undefined ? o.onUpdate : o.existingOnUpdate;
    // missingExisting has made sure of type and nullability.
    const column: Column = {
      name: o.newColumnName ?? columnName,
      type: (o.type ?? o.existingType)!,
      nullable: (o.nullable ?? o.existingNullable)!,
      ...(serverDefault === null || serverDefault === undefined ? {} : { serverDefault }),
      ...(onUpdate === null || onUpdate === undefined ? {} : { onUpdate }),
      ...(comment === null || comment === undefined ? {} : { comment }),
      ...(o.existingAutoincrement ? { autoincrement: true } : {}),
    };
    const verb = o.newColumnName === undefined ? 'MODIFY' : `CHANGE ${this.q(columnName)}`;
    return [{ sql: `ALTER TABLE ${table} ${verb} ${this.columnSpec(column, false)}` }];
  }

  override dropConstraint(op: DropConstraintOp): Statement[] {
    const table = this.table(op.tableName, op.options.schema);
    const type = this.dropType(op);
    if (type === 'primary') return [{ sql: `ALTER TABLE ${table} DROP PRIMARY KEY` }];
    const name = this.q(this.dropName(op));
    // MySQL keeps a unique constraint as an index; DROP CONSTRAINT covers checks on MySQL 8.0.19+ and MariaDB.
    const clause = type === 'foreignkey' ? `FOREIGN KEY ${name}` : type === 'unique' ? `INDEX ${name}` : `CONSTRAINT ${name}`;
    return [{ sql: `ALTER TABLE ${table} DROP ${clause}` }];
  }

  protected override constraintBody(c: TableConstraint): string {
    if (c.kind === 'foreignKey' && c.deferrable) {
      throw new UnsupportedOperationError(
        'mysql',
        `make a foreign key to ${c.referredTable} DEFERRABLE`,
        'drop the deferrable option there',
      );
    }
    return super.constraintBody(c);
  }

  override createIndex(op: CreateIndexOp): Statement[] {
    if (op.options.where !== undefined) {
      throw new MigrationError(`createIndex on ${op.tableName}: mysql has no partial indexes; drop the where option there`);
    }
    return super.createIndex(op);
  }

  override dropIndex(op: DropIndexOp): Statement[] {
    if (op.tableName === undefined) throw new MigrationError(`dropIndex('${op.indexName}') on mysql needs the index's table`);
    return [{ sql: `DROP INDEX ${this.q(this.dropIndexName(op))} ON ${this.table(op.tableName, op.options.schema)}` }];
  }
}

/** True when MySQL's alterColumn re-states the whole column (anything but a default alone). */
function restatesColumn(op: AlterColumnOp): boolean {
  const o = op.options;
  return (
    o.type !== undefined || o.nullable !== undefined || o.comment !== undefined || o.newColumnName !== undefined || o.onUpdate !== undefined
  );
}

/**
 * The `existing*` arguments a MODIFY of `op` needs and lacks: those that say what the column is,
 * where `op` does not change it. AUTO_INCREMENT is asked of integer columns only.
 */
export function missingExisting(op: AlterColumnOp): ExistingArgument[] {
  if (!restatesColumn(op)) return [];
  const o = op.options;
  const type = o.type ?? o.existingType;
  const missing: ExistingArgument[] = [];
  if (type === undefined) missing.push('existingType');
  if (o.nullable === undefined && o.existingNullable === undefined) missing.push('existingNullable');
  if (o.serverDefault === undefined && o.existingServerDefault === undefined) missing.push('existingServerDefault');
  if (o.comment === undefined && o.existingComment === undefined) missing.push('existingComment');
  if ((type === undefined || INTEGER_TYPE.test(type)) && o.existingAutoincrement === undefined) missing.push('existingAutoincrement');
  return missing;
}

export type ExistingArgument = 'existingType' | 'existingNullable' | 'existingServerDefault' | 'existingComment' | 'existingAutoincrement';

const INTEGER_TYPE = /^\s*(tiny|small|medium|big)?int(eger)?\b/i;

/** What to pass when the column has none of it. */
const WHEN_NONE: Partial<Record<ExistingArgument, string>> = {
  existingServerDefault: ' (null when it has none)',
  existingComment: ' (null when it has none)',
  existingAutoincrement: ' (false when it is not AUTO_INCREMENT)',
};
