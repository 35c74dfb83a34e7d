import { MigrationError } from '../../errors';
import type { BatchAlterTableOp } from '../../operations/batch-ops';
import { conditionNames, sameCondition } from '../../operations/check-conditions';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { AddConstraintOp, DropConstraintOp } from '../../operations/constraint-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import { conventionKind, elementName, NamingConvention } from '../../operations/naming-convention';
import {
  Column,
  f,
  FinalName,
  IndexDefinition,
  isFinalName,
  isSqlText,
  ObjectName,
  SqlText,
  sqlText,
  TableConstraint,
  TableDefinition,
} from '../../operations/schema-objects';
import { SQLITE_CONDITIONS } from './conditions';

/**
 * Why SQLite cannot do `op` with a plain ALTER TABLE, or undefined when it can. As Alembic's
 * SQLite impl, plus renaming a column (SQLite has RENAME COLUMN since 3.25): adding a column
 * (with a constant default, not unique, not a primary key), renaming one, and creating or
 * dropping an index are done in place; everything else needs the table recreated.
 */
export function sqliteRecreateReason(op: MigrateOperation): string | undefined {
  if (op instanceof AddColumnOp) {
    const { column } = op;
    if (column.primaryKey) return `add the primary-key column ${column.name}`;
    if (column.unique) return `add the unique column ${column.name}`;
    if (isSqlText(column.serverDefault)) return `add column ${column.name} with the expression default ${column.serverDefault.sqlText}`;
    return undefined;
  }
  if (op instanceof AlterColumnOp) {
    const { type, nullable, serverDefault } = op.options;
    const changes = [
      type !== undefined && 'type',
      nullable !== undefined && 'nullability',
      serverDefault !== undefined && 'server default',
    ];
    const changed = changes.filter(Boolean);
    return changed.length ? `alter the ${changed.join(', ')} of column ${op.columnName}` : undefined;
  }
  if (op instanceof CreateIndexOp || op instanceof DropIndexOp) return undefined;
  if (op instanceof DropColumnOp) return `drop column ${op.columnName}`;
  if (op instanceof AddConstraintOp) return `add a ${op.constraintType} constraint`;
  if (op instanceof DropConstraintOp) return `drop constraint ${op.constraintName ?? `(${op.options.existing?.kind})`}`;
  return `run ${op.constructor.name} in a batch`;
}

/** One column of the recreated table and the column of the old table it is copied from, if any. */
export interface RecreateColumn {
  column: Column;
  /** The type was read from the database: written exactly so (`INT PRIMARY KEY` is not `INTEGER PRIMARY KEY` on SQLite). */
  typeAsWritten?: boolean;
  /** The old table's column whose values it takes; undefined for a new column (it gets its default). */
  source?: string;
}

/**
 * The recreated table: every constraint and index name already resolved (a final name; `f('')`
 * for an unnamed constraint), so rendering applies no naming convention. A primary key on an
 * autoincrement column is the column's, not a constraint.
 */
export interface RecreatePlan {
  tableName: string;
  columns: RecreateColumn[];
  constraints: TableConstraint[];
  indexes: IndexDefinition[];
}

/**
 * Applies a batch's ops to the table as it was (read live, or `copyFrom`), as Alembic's
 * ApplyBatchImpl does: columns keep their order and where their values come from; renaming a
 * column renames it in constraints, indexes and (textually) check and index conditions;
 * dropping a column drops the constraints and indexes on it.
 * @throws MigrationError (one line naming the table) for a change that does not fit the table
 */
export function planRecreate(
  batch: BatchAlterTableOp,
  table: TableDefinition,
  convention: NamingConvention,
  typesAsWritten = false,
): RecreatePlan {
  return new RecreatePlanner(batch, convention).plan(table, typesAsWritten);
}

class RecreatePlanner {
  private columns: RecreateColumn[] = [];
  private constraints: TableConstraint[] = [];
  private indexes: IndexDefinition[] = [];
  private readonly tableName: string;

  constructor(
    private readonly batch: BatchAlterTableOp,
    private readonly convention: NamingConvention,
  ) {
    this.tableName = batch.tableName;
  }

  plan(table: TableDefinition, typesAsWritten: boolean): RecreatePlan {
    for (const column of table.columns) this.addColumn({ ...column }, column.name, typesAsWritten);
    for (const c of table.constraints ?? []) {
      const constraint = this.reflected(c);
      if (constraint.kind === 'primaryKey') this.constraints = this.constraints.filter((k) => k.kind !== 'primaryKey');
      this.constraints.push(constraint);
    }
    for (const i of table.indexes ?? []) this.indexes.push(this.namedIndex(i));
    for (const element of this.batch.options.tableArgs ?? []) {
      if (element.kind === 'index') {
        const index = this.namedIndex(element);
        this.indexes = [...this.indexes.filter((i) => !sameName(finalOf(i.name), finalOf(index.name))), index];
      } else {
        this.layOver(this.named(element));
      }
    }
    for (const op of this.batch.ops) this.apply(op);
    this.reorder();
    return { tableName: this.tableName, columns: this.columns, constraints: this.constraints, indexes: this.indexes };
  }

  private apply(op: MigrateOperation): void {
    const table = (op as { tableName?: string }).tableName;
    if (table !== undefined && table !== this.tableName) {
      throw this.error(`cannot run an op on table ${table}; a batch changes only its own table`);
    }
    if (op instanceof AddColumnOp) {
      if (this.find(op.column.name)) throw this.error(`cannot add column ${op.column.name}: the table already has it`);
      this.addColumn({ ...op.column }, undefined);
    } else if (op instanceof DropColumnOp) {
      this.dropColumn(op.columnName);
    } else if (op instanceof AlterColumnOp) {
      this.alterColumn(op);
    } else if (op instanceof AddConstraintOp) {
      const constraint = this.named(op.constraint);
      if (constraint.kind === 'primaryKey') this.replacePrimaryKey(constraint);
      else this.constraints.push(constraint);
    } else if (op instanceof DropConstraintOp) {
      this.dropConstraint(op);
    } else if (op instanceof CreateIndexOp) {
      this.indexes.push(this.namedIndex(op.definition));
    } else if (op instanceof DropIndexOp) {
      const { existing } = op.options;
      const name = op.indexName ?? (existing ? finalOf(this.namedIndex(existing).name) : undefined);
      const kept = this.indexes.filter((i) => finalOf(i.name) !== name);
      if (name === undefined || kept.length === this.indexes.length)
        throw this.error(`cannot drop index ${name ?? '(unnamed)'}: the table has no index of that name`);
      this.indexes = kept;
    } else {
      throw this.error(`cannot run ${op.constructor.name}: a batch takes column, constraint and index ops only`);
    }
  }

  /** A column as the plan keeps it: `unique` and a non-autoincrement `primaryKey` become constraints. */
  private addColumn(column: Column, source: string | undefined, typeAsWritten = false): void {
    const { unique, ...rest } = column;
    if (rest.primaryKey && !rest.autoincrement) {
      delete rest.primaryKey;
      if (rest.nullable === undefined) rest.nullable = false;
      const existing = this.constraints.find((c) => c.kind === 'primaryKey');
      const columns = existing && existing.kind === 'primaryKey' ? [...existing.columns, rest.name] : [rest.name];
      this.replacePrimaryKey(this.named({ kind: 'primaryKey', columns, name: existing?.name }));
    }
    this.columns.push({ column: rest, ...(source === undefined ? {} : { source }), ...(typeAsWritten ? { typeAsWritten } : {}) });
    if (unique) this.constraints.push(this.named({ kind: 'unique', columns: [rest.name] }));
  }

  private dropColumn(name: string): void {
    if (!this.find(name)) throw this.error(`cannot drop column ${name}: the table has no such column`);
    this.columns = this.columns.filter((c) => c.column.name !== name);
    this.constraints = this.constraints.filter((c) =>
      c.kind === 'check' ? !mentionsIdentifier(c.condition, name) : !c.columns.includes(name),
    );
    this.indexes = this.indexes.filter(
      (i) =>
        !i.columns.some((c) => (isSqlText(c) ? mentionsIdentifier(c.sqlText, name) : c === name)) &&
        !mentionsIdentifier(i.where ?? '', name),
    );
  }

  private alterColumn(op: AlterColumnOp): void {
    const entry = this.find(op.columnName);
    if (!entry) throw this.error(`cannot alter column ${op.columnName}: the table has no such column`);
    const { type, nullable, serverDefault, comment, newColumnName } = op.options;
    const column = entry.column;
    if (type !== undefined) {
      column.type = type;
      delete entry.typeAsWritten;
    }
    if (nullable !== undefined) column.nullable = nullable;
    if (serverDefault === null) delete column.serverDefault;
    else if (serverDefault !== undefined) column.serverDefault = serverDefault;
    if (comment === null) delete column.comment;
    else if (comment !== undefined) column.comment = comment;
    if (newColumnName !== undefined && newColumnName !== op.columnName) {
      if (this.find(newColumnName)) throw this.error(`cannot rename column ${op.columnName} to ${newColumnName}: the table already has it`);
      this.renameColumn(op.columnName, newColumnName);
    }
  }

  private renameColumn(from: string, to: string): void {
    this.find(from)!.column.name = to;
    const names = (columns: readonly string[]) => columns.map((c) => (c === from ? to : c));
    const text = (sql: string) => renameIdentifier(sql, from, to);
    this.constraints = this.constraints.map((c) =>
      c.kind === 'check' ? { ...c, condition: text(c.condition) } : { ...c, columns: names(c.columns) },
    );
    this.indexes = this.indexes.map((i) => ({
      ...i,
      columns: i.columns.map((c): string | SqlText => (isSqlText(c) ? sqlText(text(c.sqlText)) : c === from ? to : c)),
      ...(i.where === undefined ? {} : { where: text(i.where) }),
    }));
  }

  private replacePrimaryKey(constraint: TableConstraint): void {
    for (const { column } of this.columns) {
      delete column.primaryKey;
      delete column.autoincrement;
    }
    this.constraints = [...this.constraints.filter((c) => c.kind !== 'primaryKey'), constraint];
  }

  /**
   * A constraint of the table as it was. An unnamed one (`f('')`) keeps no name, unless the
   * batch's own naming convention has a template for its kind (Alembic's recipe for unnamed
   * constraints); for a check, `%(column_0_name)s` is then the first of the table's columns its
   * condition names.
   */
  private reflected(c: TableConstraint): TableConstraint {
    const kind = conventionKind(c);
    const template = this.batch.options.namingConvention?.[kind];
    const unnamed = isFinalName(c.name) && c.name.finalName === '';
    if (!unnamed || !template || template.includes('%(constraint_name)s')) return this.named(c);
    const columnNamed = (name: string) => this.columns.find((k) => sameName(k.column.name, name))?.column.name;
    const columns = c.kind === 'check' ? conditionNames(SQLITE_CONDITIONS, c.condition).flatMap((n) => columnNamed(n) ?? []) : c.columns;
    return { ...c, name: f(elementName({ [kind]: template }, this.tableName, c, null, columns) ?? '') };
  }

  /** A `tableArgs` constraint: it replaces the one of its name, else an unnamed one of its definition (naming it), else is added. */
  private layOver(constraint: TableConstraint): void {
    if (constraint.kind === 'primaryKey') return this.replacePrimaryKey(constraint);
    const name = finalOf(constraint.name);
    let at = name ? this.constraints.findIndex((c) => sameName(finalOf(c.name), name)) : -1;
    if (at < 0 && name) at = this.constraints.findIndex((c) => finalOf(c.name) === '' && sameDefinition(c, constraint));
    if (at < 0) this.constraints.push(constraint);
    else this.constraints[at] = constraint;
  }

  /**
   * Drops the constraint of the given name; failing that, the one whose definition is `existing`
   * (check conditions compared normalised, as autogenerate compares them), or the primary key.
   */
  private dropConstraint(op: DropConstraintOp): void {
    const { existing, type } = op.options;
    const byName = (name: string | undefined) => (name ? this.constraints.findIndex((c) => sameName(finalOf(c.name), name)) : -1);
    let index = byName(op.constraintName ?? undefined);
    if (index < 0 && existing) index = byName(this.nameOf(existing));
    // SQLite keeps most constraints unnamed: match one by its definition, or the primary key by its type.
    if (index < 0 && existing) index = this.constraints.findIndex((c) => sameDefinition(c, existing));
    if (index < 0 && (type === 'primary' || existing?.kind === 'primaryKey'))
      index = this.constraints.findIndex((c) => c.kind === 'primaryKey');
    const autoincrementKey = this.columns.find((c) => c.column.autoincrement);
    if (index < 0 && type === 'primary' && autoincrementKey) {
      delete autoincrementKey.column.autoincrement;
      delete autoincrementKey.column.primaryKey;
      return;
    }
    if (index < 0) {
      const wanted = op.constraintName || (existing ? describeConstraint({ ...existing, name: f('') }) : '(unnamed)');
      const has = this.constraints.map(describeConstraint).join(', ') || 'none';
      const advice = existing
        ? 'pass existing as the table has it, or name its constraints with namingConvention'
        : 'drop one of these by name, or pass existing (its definition) for an unnamed one';
      throw this.error(`cannot drop constraint ${wanted}: the table has no such constraint; it has ${has}; ${advice}`);
    }
    this.constraints.splice(index, 1);
  }

  /** The name the naming convention gives `existing`, or undefined where it gives none. */
  private nameOf(existing: TableConstraint): string | undefined {
    try {
      return finalOf(this.named(existing).name) || undefined;
    } catch {
      // A template that needs a name the definition lacks: the constraint is found by its definition instead.
      return undefined;
    }
  }

  /**
   * Alembic's partial_reordering. Each listed order moves its columns together, in that order,
   * to where the first of them stands; orders that share a column are merged by a stable
   * topological sort instead.
   */
  private reorder(): void {
    const orders = this.batch.options.partialReordering ?? [];
    if (!orders.length) return;
    const names = this.columns.map((c) => c.column.name);
    for (const order of orders) {
      for (const name of order)
        if (!names.includes(name)) throw this.error(`partialReordering names ${name}, which the table does not have`);
    }
    const listed = orders.flat();
    const placed = new Set(listed).size === listed.length ? grouped(names, orders) : this.sorted(names, orders);
    this.columns = placed.map((n) => this.find(n)!);
  }

  private sorted(names: string[], orders: readonly (readonly string[])[]): string[] {
    const after = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
    for (const order of orders) for (let i = 1; i < order.length; i++) after.get(order[i])!.add(order[i - 1]);
    const placed: string[] = [];
    while (placed.length < names.length) {
      const next = names.find((n) => !placed.includes(n) && [...after.get(n)!].every((p) => placed.includes(p)));
      if (next === undefined) throw this.error('partialReordering lists contradict each other');
      placed.push(next);
    }
    return placed;
  }

  private find(name: string): RecreateColumn | undefined {
    return this.columns.find((c) => c.column.name === name);
  }

  /** The constraint with its name resolved now, by the naming convention, from the columns as they are. */
  private named<T extends TableConstraint>(c: T): T {
    const name = elementName(this.convention, this.tableName, c);
    return { ...c, name: f(name ?? '') };
  }

  private namedIndex(i: IndexDefinition): IndexDefinition {
    const name = elementName(this.convention, this.tableName, i);
    if (!name) throw this.error('cannot create an index without a name; name it, or configure an ix naming convention');
    return { ...i, name: f(name) };
  }

  private error(message: string): MigrationError {
    return new MigrationError(`batchAlterTable('${this.tableName}') ${message}`);
  }
}

function grouped(names: string[], orders: readonly (readonly string[])[]): string[] {
  const key = new Map<string, [number, number]>(names.map((n, i) => [n, [i, 0]]));
  for (const order of orders) {
    const at = Math.min(...order.map((n) => names.indexOf(n)));
    order.forEach((n, i) => key.set(n, [at, i]));
  }
  return [...names].sort((a, b) => key.get(a)![0] - key.get(b)![0] || key.get(a)![1] - key.get(b)![1]);
}

/** The name a resolved constraint or index carries ('' when unnamed). */
export function finalOf(name: ObjectName): string {
  return typeof name === 'object' && name !== null ? (name as FinalName).finalName : (name ?? '');
}

/** SQLite compares names without regard to case. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameDefinition(c: TableConstraint, existing: TableConstraint): boolean {
  if (c.kind === 'check' || existing.kind === 'check')
    return c.kind === 'check' && existing.kind === 'check' && sameCondition(SQLITE_CONDITIONS, c.condition, existing.condition);
  if (c.kind !== existing.kind) return false;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => sameName(x, b[i]));
  if (!same(c.columns, existing.columns)) return false;
  if (c.kind !== 'foreignKey' || existing.kind !== 'foreignKey') return true;
  return (
    sameName(c.referredTable, existing.referredTable) &&
    (!existing.referredColumns.length || same(c.referredColumns, existing.referredColumns))
  );
}

/** A constraint as a message shows it: `uq_email UNIQUE (email)`, or without a name where it has none. */
function describeConstraint(c: TableConstraint): string {
  const name = finalOf(c.name ?? null);
  const columns = (names: readonly string[]) => `(${names.join(', ')})`;
  const body =
    c.kind === 'check'
      ? `CHECK (${c.condition})`
      : c.kind === 'foreignKey'
        ? `FOREIGN KEY ${columns(c.columns)} REFERENCES ${c.referredTable} ${columns(c.referredColumns)}`
        : `${c.kind === 'unique' ? 'UNIQUE' : 'PRIMARY KEY'} ${columns(c.columns)}`;
  return name ? `${name} ${body}` : body;
}

// Identifiers in SQL text, outside string literals: bare words, "double", `back` or [bracket] quoted.
const TOKEN = /'(?:[^']|'')*'|"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\]|([A-Za-z_][A-Za-z0-9_$]*)/g;

function identifierOf(match: RegExpExecArray | RegExpMatchArray): string | undefined {
  const [, dq, bq, br, bare] = match;
  if (dq !== undefined) return dq.replace(/""/g, '"');
  if (bq !== undefined) return bq.replace(/``/g, '`');
  return br ?? bare;
}

/** True when `sql` names the identifier `name` (case-insensitively, as SQLite compares names). */
export function mentionsIdentifier(sql: string, name: string): boolean {
  for (const match of sql.matchAll(TOKEN)) {
    if (identifierOf(match)?.toLowerCase() === name.toLowerCase()) return true;
  }
  return false;
}

/** `sql` with every mention of the identifier `from` renamed `to`, double-quoted. */
export function renameIdentifier(sql: string, from: string, to: string): string {
  return sql.replace(TOKEN, (...args: unknown[]) => {
    const match = args.slice(0, 5) as unknown as RegExpMatchArray;
    return identifierOf(match)?.toLowerCase() === from.toLowerCase() ? `"${to.replace(/"/g, '""')}"` : (match[0] as string);
  });
}
