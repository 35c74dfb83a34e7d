import type { Dialect } from '../../operations/migration-ops';
import { dialectFor, renderColumnType } from '../../dialects/registry';

/**
 * A metadata type as the database will report it once created: rendered for the dialect, then
 * read back the way introspection normalises it (`json` is `text` on SQLite, `uuid` is `char(36)`
 * on MySQL), so types compare the same way before and after an upgrade.
 */
export function effectiveType(dialect: Dialect, type: string): string {
  const { schema } = dialectFor(dialect);
  return schema.reportedType(schema.normalizeType(renderColumnType(dialect, type)));
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
  // PostgreSQL's precision sits before the zone: `timestamp(3) with time zone`.
  const zoned = /^\s*(timestamp|time)\s*\(\s*(\d+)\s*\)\s+with time zone\s*$/i.exec(type);
  if (zoned) return { base: `${zoned[1].toLowerCase()} with time zone`, args: [Number(zoned[2])] };
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
  tinyint: 'number',
  mediumint: 'number',
  date: 'temporal',
  time: 'temporal',
  timestamp: 'temporal',
  'timestamp with time zone': 'temporal',
  json: 'json',
  jsonb: 'json',
};

/** A coarse family (string, number, temporal, json) or the type's own base name. */
export function typeFamily(type: string): string {
  const base = parse(type).base.replace(/ (unsigned|zerofill)$/, '');
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
  if (!dialectFor(dialect).schema.castsWithUsing) return false;
  const to = typeFamily(effectiveType(dialect, toType));
  return to !== 'string' && to !== typeFamily(effectiveType(dialect, fromType));
}

const INTEGER_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
// Significant binary digits of each float, and of each integer type's values.
const MANTISSA_BITS: Record<string, number> = { real: 24, float: 53 };
const INTEGER_BITS: Record<string, number> = { smallint: 15, integer: 31, bigint: 63 };

/** A MySQL ENUM's labels, or undefined for another type. */
function enumLabels(type: string): string[] | undefined {
  const match = /^enum\((.*)\)$/is.exec(type.trim());
  if (!match) return undefined;
  return [...match[1].matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

/** Fractional-second digits a temporal type keeps: its argument, else the dialect's default. */
function fractionalDigits(dialect: Dialect, type: ParsedType): number {
  return type.args[0] ?? dialectFor(dialect).schema.defaultFractionalDigits;
}

/**
 * What changing a column from `fromType` to `toType` can do to existing values, in a few words
 * (`longer values are cut or rejected`), or undefined when every value keeps its meaning: a
 * longer string or text, a larger integer, a numeric with at least as many digits on both sides
 * of the point, a float with more precision, date to timestamp, more fractional seconds, json to
 * jsonb, and on MySQL an ENUM that keeps all its labels (adding labels is a widening there).
 */
export function typeChangeRisk(dialect: Dialect, fromType: string, toType: string): string | undefined {
  const fromEffective = effectiveType(dialect, fromType);
  const toEffective = effectiveType(dialect, toType);
  if (fromEffective === toEffective) return undefined;
  const fromLabels = enumLabels(fromEffective);
  const toLabels = enumLabels(toEffective);
  if (fromLabels && toLabels) {
    const dropped = fromLabels.filter((label) => !toLabels.includes(label));
    return dropped.length
      ? `drops enum values ${dropped.map((l) => `'${l}'`).join(', ')}; rows holding them are rejected or emptied`
      : undefined;
  }
  const from = parse(fromEffective);
  const to = parse(toEffective);
  if (to.base === 'text') return undefined;
  const stringish = (b: string) => b === 'varchar' || b === 'char';
  if (stringish(from.base) && stringish(to.base)) {
    if (to.args.length === 0 || (from.args.length > 0 && to.args[0] >= from.args[0])) return undefined;
    return 'longer values are cut or rejected';
  }
  if (from.base === 'text' && stringish(to.base)) return to.args.length === 0 ? undefined : 'longer values are cut or rejected';
  const fromRank = INTEGER_RANK[from.base];
  const toRank = INTEGER_RANK[to.base];
  if (fromRank !== undefined && toRank !== undefined) return toRank < fromRank ? 'larger values are rejected' : undefined;
  if (fromRank !== undefined && MANTISSA_BITS[to.base] !== undefined) {
    return INTEGER_BITS[from.base] <= MANTISSA_BITS[to.base] ? undefined : 'large values lose precision';
  }
  if (fromRank !== undefined && to.base === 'numeric') {
    return to.args.length === 0 || to.args[0] - (to.args[1] ?? 0) >= 19 ? undefined : 'larger values are rejected';
  }
  if (from.base === 'numeric' && to.base === 'numeric') {
    if (to.args.length === 0) return undefined;
    if (from.args.length === 0) return 'values beyond the new precision are rounded or rejected';
    const [fp, fs = 0] = from.args;
    const [tp, ts = 0] = to.args;
    if (ts < fs) return 'values are rounded to fewer decimal places';
    return tp - ts < fp - fs ? 'larger values are rejected' : undefined;
  }
  if (MANTISSA_BITS[from.base] !== undefined && MANTISSA_BITS[to.base] !== undefined) {
    return MANTISSA_BITS[to.base] < MANTISSA_BITS[from.base] ? 'values lose precision' : undefined;
  }
  const temporal = (b: string) => b === 'timestamp' || b === 'timestamp with time zone';
  if (from.base === 'date' && temporal(to.base)) return undefined;
  if (from.base === to.base && (temporal(from.base) || from.base === 'time')) {
    return fractionalDigits(dialect, to) < fractionalDigits(dialect, from) ? 'fractional seconds are rounded away' : undefined;
  }
  if (from.base === 'timestamp' && to.base === 'timestamp with time zone') return undefined;
  if (temporal(from.base) && to.base === 'date') return 'the time of day is lost';
  if (from.base === 'json' && to.base === 'jsonb') return undefined;
  return 'values may not convert';
}
