import type { ColumnModel } from '../../dialects/schema-model';
import type { CompareContext } from './context';
import { typeFamily } from './types';
import { dialectFor } from '../../dialects/registry';

// "Now" as each dialect spells it: PostgreSQL `now()` / `CURRENT_TIMESTAMP`, MariaDB
// `current_timestamp()`, MySQL `CURRENT_TIMESTAMP`, `LOCALTIMESTAMP`. A precision is kept:
// MySQL refuses CURRENT_TIMESTAMP on a DATETIME(6), and PostgreSQL rounds to it.
const NOW = /^(now|current_timestamp|localtimestamp|transaction_timestamp)(?:\((\d*)\))?$/;
// SQLite's `datetime('now')` (TypeORM's date columns) is the text CURRENT_TIMESTAMP gives there.
const SQLITE_NOW = "datetime('now')";

// PostgreSQL functions that make the same value: a random (version 4) UUID, with or without uuid-ossp.
const RANDOM_UUID = /^(gen_random_uuid|uuid_generate_v4)\(\)$/;

// A trailing PostgreSQL cast: `::character varying`, `::"my schema".state`, `::numeric(10,2)[]`.
const CAST = /::(?:"[^"]+"|[a-z_][\w$]*)(?:\s+[a-z_]+)*(?:\.(?:"[^"]+"|[a-z_][\w$]*))?(?:\([^)]*\))?(?:\[\])*$/i;

/**
 * A default as SQL text in a form every dialect's spelling of it shares: casts
 * (`'a'::character varying`) and outer parentheses (SQLite keeps TypeORM's `('a')`) dropped,
 * quotes removed from a string literal, "now" and random UUIDs spelt one way, numbers by value
 * (`0.50`; for a numeric column also a quoted one, `'0'::numeric`, as PostgreSQL and TypeORM
 * write them), booleans as true/false, JSON literals by content. Undefined for no default or `NULL`.
 */
export function normalizeDefault(sql: string | undefined, isNumeric = false): string | undefined {
  if (sql === undefined) return undefined;
  let text = sql.trim();
  for (;;) {
    const before = text;
    text = text.replace(CAST, '').trim();
    if (/^\(.*\)$/s.test(text) && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
    if (text === before) break;
  }
  if (/^null$/i.test(text)) return undefined;
  const quoted = /^'(.*)'$/s.exec(text);
  if (quoted) text = quoted[1].replace(/''/g, "'");
  const lower = text.toLowerCase();
  const now = NOW.exec(lower);
  if (now && !quoted) return now[2] ? `current_timestamp(${now[2]})` : 'current_timestamp';
  if (lower.replace(/\s+/g, '') === SQLITE_NOW && !quoted) return 'current_timestamp';
  if (RANDOM_UUID.test(lower) && !quoted) return 'random_uuid()';
  if (lower === 'true' || lower === "b'1'") return 'true';
  if (lower === 'false' || lower === "b'0'") return 'false';
  // Numeric literals compare by value (0.50 and 0.5).
  if ((!quoted || isNumeric) && /^[-+]?\d+(\.\d+)?$/.test(text)) return String(Number(text));
  if (quoted) return canonicalJson(text) ?? text;
  return lower;
}

/** A JSON object or array literal with its keys sorted and no spacing (jsonb reorders and re-spaces); undefined for other text. */
function canonicalJson(text: string): string | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
    );
  } catch {
    return undefined;
  }
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Whether the server default differs (compared unless `compareServerDefault` is false, as
 * TypeORM compares them). The database's spelling and the entity's are normalised first
 * (see `normalizeDefault`), so only a real change counts.
 */
export function serverDefaultChanged(context: CompareContext, database: ColumnModel, metadata: ColumnModel): boolean {
  const option = context.options.compareServerDefault ?? true;
  if (option === false) return false;
  // A database-filled key (serial's nextval, identity) is not a default the entity states.
  if (database.autoincrement && metadata.autoincrement) return false;
  if (typeof option === 'function') {
    const decided = option(database, metadata, database.serverDefault, metadata.serverDefault);
    if (decided !== undefined) return decided;
  }
  const isNumeric = typeFamily(metadata.type) === 'number';
  const a = normalizeDefault(database.serverDefault, isNumeric);
  const b = normalizeDefault(metadata.serverDefault, isNumeric);
  // MySQL/SQLite store booleans as 1/0.
  const bool = (v: string | undefined) => (v === '1' ? 'true' : v === '0' ? 'false' : v);
  return metadata.type === 'boolean' ? bool(a) !== bool(b) : a !== b;
}

/** MySQL: whether the `ON UPDATE` expression differs, compared as defaults are. */
export function onUpdateChanged(context: CompareContext, database: ColumnModel, metadata: ColumnModel): boolean {
  if (!dialectFor(context.dialect).schema.hasOnUpdate || context.options.compareServerDefault === false) return false;
  return normalizeDefault(database.onUpdate) !== normalizeDefault(metadata.onUpdate);
}
