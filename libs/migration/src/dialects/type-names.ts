// Database spellings that mean one of column-types.ts's portable names, on every dialect; each
// dialect's types.ts adds its own. A spelling missing there is kept as the database gives it
// (lower case), so nothing is guessed.
export const COMMON_TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'integer',
  integer: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  varchar: 'varchar',
  char: 'char',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  numeric: 'numeric',
  decimal: 'numeric',
  json: 'json',
  uuid: 'uuid',
  blob: 'blob',
};

// Portable names whose arguments are part of the type: a length, a precision and scale, or
// fractional seconds (`timestamp(6)`).
const WITH_ARGUMENTS = new Set(['varchar', 'char', 'numeric', 'timestamp', 'time']);

/** A catalog's type in lower case, its whitespace collapsed. */
export function lowerType(rawType: string): string {
  return rawType.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * The portable name of `type` (lower case) by `names`, a dialect's spellings: its base looked up,
 * with the arguments the portable type keeps; the type as it is when the base is not known.
 */
export function portableTypeName(type: string, names: Readonly<Record<string, string>>): string {
  const match = /^([a-z][a-z ]*?)\s*(?:\(\s*([^)]*?)\s*\))?$/.exec(type);
  if (!match) return type;
  const portable = names[match[1]];
  if (portable === undefined) return type;
  if (match[2] === undefined) return portable;
  const args = match[2]
    .split(',')
    .map((a) => a.trim())
    .join(',');
  // Types that take no arguments in the portable set keep the database's spelling with them.
  return WITH_ARGUMENTS.has(portable) ? `${portable}(${args})` : type;
}
