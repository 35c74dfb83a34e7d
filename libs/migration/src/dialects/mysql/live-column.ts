import { AlterColumnOp } from '../../operations/column-ops';
import type { QueryRows } from '../../operations/ddl-impl';
import { missingExisting } from './ddl';
import { readMysqlColumn } from './reflect';

/**
 * MySQL re-states a whole column to alter it, and the column loses whatever the statement
 * leaves out. Online, an `alterColumn` takes the `existing*` arguments it was not given from
 * the live column; under `--sql` nothing can be read, and the renderer names what is missing.
 */
export async function withLiveColumn(op: AlterColumnOp, query: QueryRows): Promise<AlterColumnOp> {
  if (missingExisting(op).length === 0) return op;
  const live = await readMysqlColumn(query, op.tableName, op.columnName);
  const given = Object.fromEntries(Object.entries(op.options).filter(([, value]) => value !== undefined));
  return new AlterColumnOp(op.tableName, op.columnName, { ...live, ...given });
}
