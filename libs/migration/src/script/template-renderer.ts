/** `${name}`, with the spaces or tabs just before it on its line. */
const PLACEHOLDER = /([ \t]*)\$\{([A-Za-z_]\w*)\}/g;

/**
 * Fills `${name}` placeholders of a template with `values`. A placeholder whose name is not
 * in `values` is left as it is, so a customised template may hold TypeScript template
 * literals. A placeholder that renders empty at the end of a line takes the spaces before
 * it along (`Revises: ` of a base becomes `Revises:`), so rendered files carry no
 * trailing whitespace for linters to flag.
 *
 * @param template the template text
 * @param values placeholder name -> text
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (match: string, space: string, name: string, offset: number) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return match;
    const value = values[name];
    const next = template.charAt(offset + match.length);
    if (value === '' && (next === '' || next === '\n' || next === '\r')) return '';
    return space + value;
  });
}

// `\${each database}` and `\${end}`, each on a line of its own, around the lines a multidb
// template repeats for every database.
const EACH_LINE = String.raw`^[ \t]*\$\{each database\}[ \t]*`;
const END_LINE = String.raw`^[ \t]*\$\{end\}[ \t]*`;
const EACH_DATABASE = new RegExp(String.raw`${EACH_LINE}\r?\n([\s\S]*?)${END_LINE}(?:\r?\n|$)`, 'm');

/** How many `\${each database}` and `\${end}` lines a template has: a well-formed one has one of each, or none. */
export function databaseBlockLines(template: string): { opens: number; ends: number } {
  const count = (line: string) => template.match(new RegExp(`${line}$`, 'gm'))?.length ?? 0;
  return { opens: count(EACH_LINE), ends: count(END_LINE) };
}

/** Whether a template repeats a section per database (the multidb template does). */
export function hasDatabaseBlock(template: string): boolean {
  return EACH_DATABASE.test(template);
}

/**
 * Expands a template's `\${each database}` ... `\${end}` block: its lines once per
 * database, each copy rendered with that database's values (`\${database}` and its bodies).
 * The rest of the template is left for `renderTemplate`.
 */
export function renderDatabaseBlock(template: string, databases: readonly Readonly<Record<string, string>>[]): string {
  return template.replace(EACH_DATABASE, (_match: string, block: string) =>
    databases.map((values) => renderTemplate(block, values)).join(''),
  );
}

/** A TypeScript string literal in single quotes. */
export function stringLiteral(text: string): string {
  const escaped = text.replace(/[\\'\n\r\u2028\u2029]/g, (c) => ESCAPES[c]);
  return `'${escaped}'`;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** `null`, `'id'` or `['a', 'b']`: the literal a revision file declares for one id or several. */
export function idsLiteral(ids: readonly string[]): string {
  if (ids.length === 0) return 'null';
  if (ids.length === 1) return stringLiteral(ids[0]);
  return `[${ids.map(stringLiteral).join(', ')}]`;
}

/**
 * Text made safe for a line of a `/** ... *\/` comment: `*\/` cannot close it, and each
 * further line is prefixed ` * ` (or ` *` when empty) to continue it.
 */
export function docCommentText(text: string): string {
  return text
    .replace(/\*\//g, '*\\/')
    .split(/\r\n|\r|\n/)
    .map((line, i) => {
      const trimmed = line.trimEnd();
      if (i === 0) return trimmed;
      return trimmed === '' ? ' *' : ` * ${trimmed}`;
    })
    .join('\n');
}

/**
 * A function body for the template: `{}` when `statements` is blank, else the statements
 * between braces, re-indented by two spaces (their common indentation removed first, so
 * callers may pass them indented or not).
 */
export function functionBody(statements: string | undefined): string {
  const lines = (statements ?? '').split(/\r\n|\r|\n/).map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return '{}';
  const indents = lines.filter((line) => line !== '').map((line) => /^[ \t]*/.exec(line)![0].length);
  const common = Math.min(...indents);
  const body = lines.map((line) => (line === '' ? '' : `  ${line.slice(common)}`));
  return `{\n${body.join('\n')}\n}`;
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` in local time, as Alembic prints `datetime.now()` (microseconds from milliseconds). */
export function formatCreateDate(date: Date): string {
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())} ` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds() * 1000, 6)}`
  );
}
