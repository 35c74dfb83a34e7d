import { MigrationError } from '../../errors';
import type { MigrateOperation } from '../../operations/migrate-operation';
import { DEFAULT_NAMING_CONVENTION, NamingConvention } from '../../operations/naming-convention';
import {
  Column,
  IndexDefinition,
  isColumn,
  isFinalName,
  isSqlText,
  ObjectName,
  ServerDefault,
  SqlText,
  TableConstraint,
  TableDefinition,
  TableElement,
} from '../../operations/schema-objects';
import { call, Code, objectCode, stringLiteral } from './code';

/** What `renderItem` is asked to render (Alembic's `render_item` types). */
export type RenderItemKind = 'column' | 'constraint' | 'index' | 'type' | 'serverDefault';

/**
 * A user hook (Alembic's `render_item`): the TypeScript source for one item, or undefined for
 * the default rendering. Helpers the returned source uses must be imported by the caller.
 */
export type RenderItem = (kind: RenderItemKind, value: unknown) => string | undefined;

/** The helpers of '@nest-migrate/migration' generated code may call. */
export type Helper = 'check' | 'f' | 'foreignKey' | 'index' | 'primaryKey' | 'sqlText' | 'unique';

/** The batch a statement is rendered inside: its ops take no table and no schema. */
export interface BatchScope {
  readonly tableName: string;
  readonly schema?: string;
}

/** State of one rendering: the helpers used so far, the user's hook, and the batch being rendered. */
export class RenderContext {
  readonly imports = new Set<Helper>();
  batch: BatchScope | undefined;
  /** Renders a batch's children with their comments; set by `renderOps`. */
  renderSequence: (ops: readonly MigrateOperation[]) => string[] = (ops) =>
    ops.flatMap(() => {
      throw new MigrationError('a batch renders only through renderOps()');
    });

  constructor(
    private readonly renderItem: RenderItem | undefined,
    readonly namingConvention: NamingConvention = DEFAULT_NAMING_CONVENTION,
  ) {}

  /** `op` outside a batch, `batch` inside one. */
  get receiver(): string {
    return this.batch ? 'batch' : 'op';
  }

  helper(name: Helper, ...args: Code[]): Code {
    this.imports.add(name);
    return call(name, ...args);
  }

  private custom(kind: RenderItemKind, value: unknown): string | undefined {
    return this.renderItem?.(kind, value);
  }

  /** Any plain value as a literal; `sqlText(...)` and `f(...)` for marked SQL and names. */
  value(value: unknown): Code {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (typeof value === 'string') return stringLiteral(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Date) return `new Date(${stringLiteral(value.toISOString())})`;
    if (isSqlText(value)) return this.helper('sqlText', stringLiteral(value.sqlText));
    if (isFinalName(value)) return this.helper('f', stringLiteral(value.finalName));
    if (Array.isArray(value)) return { array: value.map((v) => this.value(v)) };
    if (typeof value === 'object') {
      return objectCode(Object.entries(value).map(([k, v]) => [k, v === undefined ? undefined : this.value(v)] as const));
    }
    return stringLiteral(String(value));
  }

  /** A constraint or index name given to a create: `'name'`, `f('name')`, or null for the naming convention's. */
  name(name: ObjectName): Code {
    return name === undefined ? 'null' : this.value(name);
  }

  /** Column names as an op's `readonly string[]` argument. */
  columnList(columns: readonly (string | SqlText)[]): Code {
    return { array: columns.map((c) => this.value(c)) };
  }

  /** Column names as a helper takes them: one name as a string, several as an array. */
  private helperColumns(columns: readonly (string | SqlText)[]): Code {
    return columns.length === 1 ? this.value(columns[0]) : this.columnList(columns);
  }

  type(type: string): Code {
    return this.custom('type', type) ?? stringLiteral(type);
  }

  serverDefault(value: ServerDefault | null): Code {
    return this.custom('serverDefault', value) ?? this.value(value);
  }

  /** A column definition, its keys in the order a person writes them. */
  column(column: Column): Code {
    const custom = this.custom('column', column);
    if (custom !== undefined) return custom;
    const { name, type, nullable, primaryKey, autoincrement, serverDefault, unique, comment, ...rest } = column;
    return objectCode([
      ['name', this.value(name)],
      ['type', this.type(type)],
      ['nullable', defined(nullable, (v) => this.value(v))],
      ['primaryKey', defined(primaryKey, (v) => this.value(v))],
      ['autoincrement', defined(autoincrement, (v) => this.value(v))],
      ['serverDefault', defined(serverDefault, (v) => this.serverDefault(v))],
      ['unique', defined(unique, (v) => this.value(v))],
      ['comment', defined(comment, (v) => this.value(v))],
      ...Object.entries(rest).map(([k, v]) => [k, defined(v, (x) => this.value(x))] as const),
    ]);
  }

  /** One element of `createTable`: a column, or a constraint or index through its helper. */
  element(element: TableElement): Code {
    if (isColumn(element)) return this.column(element);
    if (element.kind === 'index') return this.index(element);
    return this.constraint(element);
  }

  constraint(constraint: TableConstraint): Code {
    const custom = this.custom('constraint', constraint);
    if (custom !== undefined) return custom;
    const name = (n: ObjectName) => defined(n, (v) => this.name(v));
    switch (constraint.kind) {
      case 'primaryKey':
        return this.withOptions('primaryKey', [this.helperColumns(constraint.columns)], [['name', name(constraint.name)]]);
      case 'unique':
        return this.withOptions('unique', [this.helperColumns(constraint.columns)], [['name', name(constraint.name)]]);
      case 'check':
        return this.withOptions('check', [this.value(constraint.condition)], [['name', name(constraint.name)]]);
      case 'foreignKey': {
        const c = constraint;
        return this.withOptions(
          'foreignKey',
          [this.helperColumns(c.columns), this.value(c.referredTable), this.helperColumns(c.referredColumns)],
          [
            ['name', name(c.name)],
            ['referredSchema', defined(c.referredSchema, (v) => this.value(v))],
            ['onDelete', defined(c.onDelete, (v) => this.value(v))],
            ['onUpdate', defined(c.onUpdate, (v) => this.value(v))],
            ['deferrable', defined(c.deferrable, (v) => this.value(v))],
            ['initially', defined(c.initially, (v) => this.value(v))],
          ],
        );
      }
    }
  }

  index(index: IndexDefinition): Code {
    const custom = this.custom('index', index);
    if (custom !== undefined) return custom;
    return this.withOptions(
      'index',
      [this.helperColumns(index.columns)],
      [
        ['name', defined(index.name, (v) => this.name(v))],
        ['unique', defined(index.unique, (v) => this.value(v))],
        ['where', defined(index.where, (v) => this.value(v))],
      ],
    );
  }

  /** `copyFrom` of a batch: `{ columns, constraints, indexes }` through the same helpers. */
  tableDefinition(table: TableDefinition): Code {
    return objectCode([
      ['columns', { array: table.columns.map((c) => this.column(c)), multiline: true }],
      ['constraints', defined(table.constraints, (list) => ({ array: list.map((c) => this.constraint(c)), multiline: true }))],
      ['indexes', defined(table.indexes, (list) => ({ array: list.map((i) => this.index(i)), multiline: true }))],
    ]);
  }

  private withOptions(helper: Helper, args: Code[], options: readonly (readonly [string, Code | undefined])[]): Code {
    const rendered = objectCode(options);
    return this.helper(helper, ...args, ...(rendered.object.length ? [rendered] : []));
  }
}

/** `render(value)` unless the value is undefined. */
export function defined<T>(value: T | undefined, render: (value: T) => Code): Code | undefined {
  return value === undefined ? undefined : render(value);
}
