import { renderColumnType } from '../../operations/column-types';
import type { Dialect } from '../../operations/migration-ops';
import { normalizeType } from '../introspect/normalize-type';

/**
 * A metadata type as the database will report it once created: rendered for the dialect, then
 * read back the way introspection normalises it (`json` is `text` on SQLite, `uuid` is `char(36)`
 * on MySQL), so types compare the same way before and after an upgrade.
 */
export function effectiveType(dialect: Dialect, type: string): string {
  const effective = normalizeType(dialect, renderColumnType(dialect, type));
  // MySQL's DECIMAL without arguments is DECIMAL(10,0).
  return dialect === 'mysql' && effective === 'numeric' ? 'numeric(10,0)' : effective;
}

/** True when the metadata type and the database type are the same type on `dialect`. */
export function sameType(dialect: Dialect, metadataType: string, databaseType: string): boolean {
  return effectiveType(dialect, metadataType) === effectiveType(dialect, databaseType);
}

interface ParsedType {
  readonly base: string;
  readonly args: number[];
}

function parse(type: string): ParsedType {
  const match = /^\s*([a-z][a-z ]*?)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/i.exec(type);
  if (!match) return { base: type.toLowerCase(), args: [] };
  return { base: match[1].toLowerCase(), args: match[2] ? match[2].split(',').map((a) => Number(a.trim())) : [] };
}

const FAMILY: Record<string, string> = {
  varchar: 'string',
  char: 'string',
  text: 'string',
  smallint: 'number',
  integer: 'number',
  bigint: 'number',
  numeric: 'number',
  float: 'number',
  real: 'number',
  date: 'temporal',
  time: 'temporal',
  timestamp: 'temporal',
  'timestamp with time zone': 'temporal',
  json: 'json',
  jsonb: 'json',
};

/** A coarse family (string, number, temporal, json) or the type's own base name. */
export function typeFamily(type: string): string {
  const { base } = parse(type);
  return FAMILY[base] ?? base;
}

/** Types that hold the same kind of value, so a drop and an add of them may be a rename. */
export function compatibleTypes(dialect: Dialect, a: string, b: string): boolean {
  return sameType(dialect, a, b) || typeFamily(effectiveType(dialect, a)) === typeFamily(effectiveType(dialect, b));
}

/**
 * PostgreSQL needs `USING` when no assignment cast exists from the old type to the new: the
 * target is not a string type and the family changes (text -> integer, varchar -> uuid,
 * integer -> boolean, anything -> an enum). Within a family (integer -> bigint, varchar -> text,
 * timestamp -> timestamptz) and into text it converts by itself.
 */
export function needsUsing(dialect: Dialect, fromType: string, toType: string): boolean {
  if (dialect !== 'postgres') return false;
  const to = typeFamily(effectiveType(dialect, toType));
  return to !== 'string' && to !== typeFamily(effectiveType(dialect, fromType));
}

const INTEGER_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };

/**
 * True when changing `fromType` to `toType` may lose or reject existing values: a shorter string,
 * a smaller integer, a numeric with fewer digits, any change across families except into text.
 * Known widenings (varchar(50) -> varchar(100) or text, integer -> bigint, date -> timestamp ...) are not.
 */
export function isNarrowing(dialect: Dialect, fromType: string, toType: string): boolean {
  const from = parse(effectiveType(dialect, fromType));
  const to = parse(effectiveType(dialect, toType));
  if (from.base === to.base && from.args.join() === to.args.join()) return false;
  if (to.base === 'text') return false;
  const stringish = (b: string) => b === 'varchar' || b === 'char';
  if (stringish(from.base) && stringish(to.base)) {
    if (to.args.length === 0) return false;
    return from.args.length === 0 || to.args[0] < from.args[0];
  }
  const fromRank = INTEGER_RANK[from.base];
  const toRank = INTEGER_RANK[to.base];
  if (fromRank !== undefined && toRank !== undefined) return toRank < fromRank;
  if (fromRank !== undefined && (to.base === 'float' || (to.base === 'numeric' && (to.args.length === 0 || to.args[0] - (to.args[1] ?? 0) >= 19)))) return false;
  if (from.base === 'numeric' && to.base === 'numeric') {
    if (to.args.length === 0) return false;
    if (from.args.length === 0) return true;
    const [fp, fs = 0] = from.args;
    const [tp, ts = 0] = to.args;
    return ts < fs || tp - ts < fp - fs;
  }
  if (from.base === 'date' && (to.base === 'timestamp' || to.base === 'timestamp with time zone')) return false;
  if (from.base === 'timestamp' && to.base === 'timestamp with time zone') return false;
  if (from.base === 'json' && to.base === 'jsonb') return false;
  return true;
}
