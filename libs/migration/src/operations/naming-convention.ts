import { MigrationError } from '../errors';
import { isFinalName, ObjectName } from './schema-objects';

/**
 * SQLAlchemy's `naming_convention`: a template per kind of constraint or index, with tokens
 * `%(table_name)s`, `%(column_0_name)s`, `%(column_0_label)s` (table_column),
 * `%(column_0N_name)s` (every column, joined by `_`), `%(referred_table_name)s`,
 * `%(referred_column_0_name)s` and `%(constraint_name)s` (the name given explicitly).
 */
export interface NamingConvention {
  ix?: string;
  uq?: string;
  ck?: string;
  fk?: string;
  pk?: string;
}

export type ConventionKind = keyof NamingConvention;

export const DEFAULT_NAMING_CONVENTION: Readonly<Required<NamingConvention>> = {
  ix: 'ix_%(column_0_label)s',
  uq: 'uq_%(table_name)s_%(column_0_name)s',
  ck: 'ck_%(table_name)s_%(constraint_name)s',
  fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
  pk: 'pk_%(table_name)s',
};

/** What the tokens of a template are filled from. */
export interface NamingSubject {
  tableName: string;
  columns: readonly string[];
  referredTable?: string;
  referredColumns?: readonly string[];
}

/**
 * The name a constraint or index gets. A final name (`op.f`) is kept; a given name is kept unless
 * the template uses `%(constraint_name)s`; with no name the template makes one.
 * @throws MigrationError when the template needs a given name or a token the subject lacks
 */
export function conventionalName(
  convention: NamingConvention,
  kind: ConventionKind,
  name: ObjectName,
  subject: NamingSubject,
): string | undefined {
  if (isFinalName(name)) return name.finalName;
  const template = convention[kind];
  const given = name ?? undefined;
  if (!template || (given !== undefined && !template.includes('%(constraint_name)s'))) return given;
  return template.replace(/%\(([A-Za-z0-9_]+)\)s/g, (_, token: string) => {
    const value = tokenValue(token, given, subject);
    if (value === undefined) {
      throw new MigrationError(
        `The naming convention '${template}' for ${kind} on table ${subject.tableName} needs %(${token})s; ` +
          (token === 'constraint_name' ? 'give the constraint a name' : 'pass a name, or op.f(name) for a final one'),
      );
    }
    return value;
  });
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
