import type { ColumnModel } from '../introspect/schema-model';
import type { CompareContext } from './context';

// Spellings of "now" that every dialect reports differently for the same default.
const NOW = /^(now\(\d*\)|current_timestamp(\(\d*\))?|localtimestamp(\(\d*\))?|transaction_timestamp\(\))$/;

/**
 * A default as SQL text in a form both sides share: casts (`'a'::character varying`) and outer
 * parentheses dropped, quotes removed from a plain string literal, "now" spelt one way,
 * booleans as true/false. Returns undefined for no default or `NULL`.
 */
export function normalizeDefault(sql: string | undefined): string | undefined {
  if (sql === undefined) return undefined;
  let text = sql.trim();
  for (;;) {
    const before = text;
    text = text.replace(/::[a-z_ ]+(\([^)]*\))?(\[\])?$/i, '').trim();
    if (/^\(.*\)$/s.test(text) && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
    if (text === before) break;
  }
  if (/^null$/i.test(text)) return undefined;
  const quoted = /^'(.*)'$/s.exec(text);
  if (quoted) text = quoted[1].replace(/''/g, "'");
  const lower = text.toLowerCase();
  if (NOW.test(lower)) return 'current_timestamp';
  if (lower === 'true' || lower === "b'1'") return 'true';
  if (lower === 'false' || lower === "b'0'") return 'false';
  // Numeric literals compare by value (0.50 and 0.5).
  if (/^-?\d+(\.\d+)?$/.test(text)) return String(Number(text));
  return quoted ? text : lower;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Whether the server default differs, when the options ask to compare defaults at all. */
export function serverDefaultChanged(context: CompareContext, database: ColumnModel, metadata: ColumnModel): boolean {
  const option = context.options.compareServerDefault ?? false;
  if (option === false) return false;
  // A database-filled key (serial's nextval, identity) is not a default the entity states.
  if (database.autoincrement && metadata.autoincrement) return false;
  if (typeof option === 'function') {
    const decided = option(database, metadata, database.serverDefault, metadata.serverDefault);
    if (decided !== undefined) return decided;
  }
  const a = normalizeDefault(database.serverDefault);
  const b = normalizeDefault(metadata.serverDefault);
  // MySQL/SQLite store booleans as 1/0.
  const bool = (v: string | undefined) => (v === '1' ? 'true' : v === '0' ? 'false' : v);
  return metadata.type === 'boolean' ? bool(a) !== bool(b) : a !== b;
}
