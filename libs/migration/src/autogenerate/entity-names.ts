import { createHash } from 'node:crypto';
import { conventionalName, ConventionKind, MAX_NAME_LENGTH, NamingConvention, NamingSubject } from '../operations/naming-convention';
import { tokenize } from '../operations/sql-tokens';
import { byName, CheckConstraintModel, TableModel } from '../dialects/schema-model';

/** A name for one constraint or index, and whether the convention made it (none was given). */
export interface ElementName {
  readonly name: string | undefined;
  readonly generatedName: boolean;
}

const shortHash = (text: string, length: number) => createHash('md5').update(text).digest('hex').slice(0, length);

/** Names the constraints and indexes of one entity table by the naming convention. */
export class ElementNamer {
  constructor(
    private readonly convention: NamingConvention,
    private readonly tableName: string,
  ) {}

  /**
   * A given name through the convention (a template with `%(constraint_name)s` still applies);
   * with none, the convention's. With the `typeorm` convention, TypeORM's own name for the
   * element, which its metadata already holds (a one-to-one's `REL_...` included).
   * @param given the name the entity gives, if any
   * @param typeormName the name TypeORM's metadata has for the element
   */
  name(
    kind: ConventionKind,
    given: string | undefined,
    typeormName: string | undefined,
    subject: Omit<NamingSubject, 'tableName'>,
  ): ElementName {
    const full = { tableName: this.tableName, ...subject };
    if (given !== undefined) return { name: conventionalName(this.convention, kind, given, full) ?? given, generatedName: false };
    if (this.convention.typeormStrategy && typeormName !== undefined) return { name: typeormName, generatedName: true };
    // A kind the convention has no template for keeps TypeORM's name.
    return { name: conventionalName(this.convention, kind, null, full) ?? typeormName, generatedName: true };
  }

  /**
   * A check constraint. Without a given name, the convention's `%(constraint_name)s` is made from
   * the columns the condition names (`ck_users_price`), or a short hash of the condition when it
   * names none, instead of TypeORM's hash.
   * @param columns the table's columns, to find in the condition
   * @param isEnum an enum column's check (SQLite), as TypeORM's naming strategy tells them apart
   */
  check(
    given: string | undefined,
    typeormName: string | undefined,
    condition: string,
    columns: readonly string[],
    isEnum = false,
  ): CheckConstraintModel {
    const subject = { tableName: this.tableName, columns: [] as string[], condition };
    const typeorm = typeormName === undefined ? {} : { typeormName };
    if (given !== undefined) return { name: conventionalName(this.convention, 'ck', given, subject) ?? given, condition, ...typeorm };
    const strategy = this.convention.typeormStrategy;
    if (strategy)
      return {
        name: typeormName ?? strategy.checkConstraintName(this.tableName, condition, isEnum),
        condition,
        generatedName: true,
        ...typeorm,
      };
    const referenced = columnsIn(condition, columns);
    const template = this.convention.ck;
    const name = template?.includes('%(constraint_name)s')
      ? conventionalName(this.convention, 'ck', referenced.length ? referenced.join('_') : shortHash(condition, 8), {
          ...subject,
          columns: referenced,
        })
      : conventionalName(this.convention, 'ck', null, { ...subject, columns: referenced });
    return { name: name ?? typeormName, condition, generatedName: true, ...typeorm };
  }
}

/** The columns of `columns` that `condition` names, in the order it first names them. */
export function columnsIn(condition: string, columns: readonly string[]): string[] {
  const byLowerName = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const found: string[] = [];
  for (const token of tokenize(condition)) {
    if (token.kind !== 'identifier' && token.kind !== 'word') continue;
    const column = byLowerName.get(token.value.toLowerCase());
    if (column !== undefined && !found.includes(column)) found.push(column);
  }
  return found;
}

/** One named element of a table, with what it is, for telling same-named elements apart. */
interface Entry {
  readonly schema: string | undefined;
  readonly name: string;
  readonly generatedName: boolean;
  /** Orders the elements of a clash: plain ones first, then by kind and table. */
  readonly rank: string;
  readonly definition: string;
  rename(name: string): void;
}

type Named = { readonly name?: string; readonly generatedName?: boolean };

/**
 * The tables with every name unique in its schema. Index and constraint names share one
 * namespace per schema on PostgreSQL (an index and a unique key of two tables cannot share a
 * name) and foreign keys one per database on MySQL, so clashes are looked for schema-wide. When
 * names the convention made clash (`ix_posts_status` for an index on (status) and a unique one
 * on it too, or `uq_t_a_b` from (a, b) and from (a_b)), one keeps the name, chosen by what the
 * elements are, never by their order, so a later run names them the same: a given name, else a
 * plain index before a unique or partial one, else the first definition in sort order. The
 * others get `_` and four hex digits of their definition, which differ for different elements.
 */
export function distinctNames(tables: ReadonlyMap<string, TableModel>): Map<string, TableModel> {
  const entries: Entry[] = [];
  const named = <T extends Named>(
    tableKey: string,
    table: TableModel,
    kind: string,
    items: readonly T[],
    definition: (item: T) => string,
    isPlain: (item: T) => boolean,
  ): T[] => {
    const copy = [...items];
    copy.forEach((item, i) => {
      if (item.name === undefined) return;
      entries.push({
        schema: table.schema,
        name: item.name,
        generatedName: item.generatedName === true,
        rank: `${isPlain(item) ? 0 : 1}|${kind}|${tableKey}`,
        definition: `${kind}|${tableKey}|${definition(item)}`,
        rename: (name) => (copy[i] = { ...copy[i], name }),
      });
    });
    return copy;
  };
  const list = (columns: readonly (string | null)[]) => columns.map((c) => c ?? '').join(',');
  const edited = [...tables].map(([key, table]) => {
    const edits = {
      uniqueConstraints: named(
        key,
        table,
        'uq',
        table.uniqueConstraints,
        (u) => list(u.columns),
        () => true,
      ),
      indexes: named(
        key,
        table,
        'ix',
        table.indexes,
        (i) => `${list(i.columns)}|${i.unique}|${i.where ?? ''}`,
        (i) => !i.unique && i.where === undefined,
      ),
      foreignKeys: named(
        key,
        table,
        'fk',
        table.foreignKeys,
        (fk) => `${list(fk.columns)}|${fk.referredSchema ?? ''}.${fk.referredTable}|${list(fk.referredColumns)}`,
        () => true,
      ),
      checkConstraints: named(
        key,
        table,
        'ck',
        table.checkConstraints,
        (c) => c.condition,
        () => true,
      ),
    };
    return [key, table, edits] as const;
  });
  const clashes = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.schema ?? null, entry.name.toLowerCase()]);
    clashes.set(key, [...(clashes.get(key) ?? []), entry]);
  }
  for (const group of clashes.values()) {
    const generated = group.filter((e) => e.generatedName).sort((a, b) => compare(a.rank, b.rank) || compare(a.definition, b.definition));
    if (group.length < 2 || generated.length === 0) continue;
    const renamed = generated.length === group.length ? generated.slice(1) : generated;
    for (const entry of renamed) entry.rename(withSuffix(entry.name, shortHash(entry.definition, 4)));
  }
  return new Map(
    edited.map(([key, table, edits]) => [
      key,
      {
        ...table,
        uniqueConstraints: byName(edits.uniqueConstraints),
        indexes: byName(edits.indexes),
        foreignKeys: byName(edits.foreignKeys),
        checkConstraints: byName(edits.checkConstraints),
      },
    ]),
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `name_suffix`, cut so it stays within `MAX_NAME_LENGTH`. */
function withSuffix(name: string, suffix: string): string {
  return `${name.slice(0, MAX_NAME_LENGTH - suffix.length - 1)}_${suffix}`;
}
