import { createHash } from 'node:crypto';
import type { NamingConvention, NamingConventionOption, TypeormConstraintNaming } from '../config/naming-convention';
import { MigrationError } from '../errors';
import { IndexDefinition, isFinalName, ObjectName, TableConstraint } from './schema-objects';

export type { NamingConvention, NamingConventionOption, TypeormConstraintNaming } from '../config/naming-convention';

export type ConventionKind = Exclude<keyof NamingConvention, 'typeormStrategy'>;

// Every column is in the name (SQLAlchemy's column_0_N_name), so an index on (status) and one on
// (status, views) never share a name. With one column these are the names of earlier versions.
export const DEFAULT_NAMING_CONVENTION: Readonly<Required<Omit<NamingConvention, 'typeormStrategy'>>> = {
  ix: 'ix_%(table_name)s_%(column_0_N_name)s',
  uq: 'uq_%(table_name)s_%(column_0_N_name)s',
  ck: 'ck_%(table_name)s_%(constraint_name)s',
  fk: 'fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s',
  pk: 'pk_%(table_name)s',
};

/**
 * The longest name a template makes: PostgreSQL's limit (MySQL allows 64), so a name is the
 * same on every database. A longer one is shortened as SQLAlchemy does: cut, then `_` and four
 * hex digits of its MD5, so two long names that share a beginning still differ.
 */
export const MAX_NAME_LENGTH = 63;

/** `name`, or when longer than `MAX_NAME_LENGTH` its beginning and a short hash of the whole. */
export function truncateName(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  return `${name.slice(0, MAX_NAME_LENGTH - 8)}_${createHash('md5').update(name).digest('hex').slice(-4)}`;
}

/**
 * The convention `namingConvention` describes: templates merged over the default, or for
 * `'typeorm'` the TypeORM naming strategy `typeormStrategy` returns (the DataSource's), asked only then.
 */
export function resolveNamingConvention(
  option: NamingConventionOption | undefined,
  typeormStrategy: () => TypeormConstraintNaming,
): NamingConvention {
  if (option === 'typeorm') return { typeormStrategy: typeormStrategy() };
  return { ...DEFAULT_NAMING_CONVENTION, ...option };
}

/** What the tokens of a template are filled from. */
export interface NamingSubject {
  tableName: string;
  columns: readonly string[];
  referredTable?: string;
  referredColumns?: readonly string[];
  /** A partial index's predicate, which TypeORM's index names include. */
  where?: string;
  /** A check's condition, which TypeORM's check names are made from. */
  condition?: string;
}

/**
 * The name a constraint or index gets. A final name (`op.f`) is kept; a given name is kept unless
 * the template uses `%(constraint_name)s`; with no name the template (or the TypeORM naming
 * strategy) makes one, shortened to `MAX_NAME_LENGTH`.
 * @throws MigrationError when the template needs a given name or a token the subject lacks
 */
export function conventionalName(
  convention: NamingConvention,
  kind: ConventionKind,
  name: ObjectName,
  subject: NamingSubject,
): string | undefined {
  if (isFinalName(name)) return name.finalName;
  const given = name ?? undefined;
  if (convention.typeormStrategy) return given ?? typeormName(convention.typeormStrategy, kind, subject);
  const template = convention[kind];
  if (!template || (given !== undefined && !template.includes('%(constraint_name)s'))) return given;
  const made = template.replace(/%\(([A-Za-z0-9_]+)\)s/g, (_, token: string) => {
    const value = tokenValue(token, given, subject);
    if (value === undefined) {
      throw new MigrationError(
        `The naming convention '${template}' for ${kind} on table ${subject.tableName} needs %(${token})s; ` +
          (token === 'constraint_name' ? 'give the constraint a name' : 'pass a name, or op.f(name) for a final one'),
      );
    }
    return value;
  });
  return truncateName(made);
}

const KIND_OF: Record<(TableConstraint | IndexDefinition)['kind'], ConventionKind> = {
  primaryKey: 'pk',
  foreignKey: 'fk',
  unique: 'uq',
  check: 'ck',
  index: 'ix',
};

/** The naming-convention key of a constraint or index (`pk`, `fk`, `uq`, `ck`, `ix`). */
export function conventionKind(element: TableConstraint | IndexDefinition): ConventionKind {
  return KIND_OF[element.kind];
}

/**
 * `conventionalName` of a constraint or index definition on `tableName`, under `name` (its own
 * name by default).
 * @param columns what `%(column_0_name)s` and the like name: the element's own columns by default,
 *   none for a check (batch mode gives the ones its condition names)
 */
export function elementName(
  convention: NamingConvention,
  tableName: string,
  element: TableConstraint | IndexDefinition,
  name: ObjectName = element.name,
  columns: readonly string[] = element.kind === 'check'
    ? []
    : (element.columns as readonly unknown[]).filter((c): c is string => typeof c === 'string'),
): string | undefined {
  return conventionalName(convention, KIND_OF[element.kind], name, {
    tableName,
    columns,
    ...(element.kind === 'foreignKey' ? { referredTable: element.referredTable, referredColumns: element.referredColumns } : {}),
    ...(element.kind === 'index' && element.where !== undefined ? { where: element.where } : {}),
    ...(element.kind === 'check' ? { condition: element.condition } : {}),
  });
}

function typeormName(strategy: TypeormConstraintNaming, kind: ConventionKind, subject: NamingSubject): string | undefined {
  const { tableName, columns } = subject;
  switch (kind) {
    case 'pk':
      return strategy.primaryKeyName(tableName, [...columns]);
    case 'uq':
      return strategy.uniqueConstraintName(tableName, [...columns]);
    case 'ix':
      return strategy.indexName(tableName, [...columns], subject.where);
    case 'fk':
      return strategy.foreignKeyName(
        tableName,
        [...columns],
        subject.referredTable,
        subject.referredColumns ? [...subject.referredColumns] : undefined,
      );
    case 'ck':
      return subject.condition === undefined ? undefined : strategy.checkConstraintName(tableName, subject.condition);
  }
}

function tokenValue(token: string, given: string | undefined, subject: NamingSubject): string | undefined {
  const column = /^(referred_)?column_(\d+)(N|_N)?_(name|label)$/.exec(token);
  if (column) {
    const [, referred, position, all, what] = column;
    const columns = (referred ? subject.referredColumns : subject.columns) ?? [];
    const table = referred ? subject.referredTable : subject.tableName;
    const label = (c: string) => (what === 'label' ? `${table}_${c}` : c);
    if (all) return columns.length ? columns.map(label).join(all === 'N' ? '' : '_') : undefined;
    const name = columns[Number(position)];
    return name === undefined ? undefined : label(name);
  }
  if (token === 'table_name') return subject.tableName;
  if (token === 'referred_table_name') return subject.referredTable;
  if (token === 'constraint_name') return given;
  return undefined;
}
