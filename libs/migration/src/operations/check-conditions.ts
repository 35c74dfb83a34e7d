// Databases hand a check's condition back rewritten: PostgreSQL parenthesises, adds casts
// (`price > 0::numeric`, `status::text`), prints IN as `= ANY (ARRAY[...])`, LIKE as `~~` and
// BETWEEN as two comparisons; MariaDB adds backticks, lower-cases keywords, escapes quotes with
// a backslash, renames functions (`length` to `octet_length`, `lower` to `lcase`) and rewrites
// logic (`NOT (a > 1)` to `a <= 1`, a boolean column `b` to `b <> 0`); SQLite keeps the text.
// Both sides are reduced to the same terms, and a change is reported only when it is certain:
// `check` is a CI gate, and a change reported on every run would make it useless.
// Batch mode matches a check given as `existing` with the one the table has by the same terms.
import { Token, tokenize, TokenizeOptions } from './sql-tokens';

/** One unit of a normalised condition. */
interface Term {
  readonly kind: 'name' | 'literal' | 'function' | 'keyword' | 'operator' | 'other';
  readonly text: string;
}

/** How a database writes the check conditions it hands back: a dialect's answers to the comparison. */
export interface ConditionSyntax {
  /** Its quoting: which quotes delimit strings and names, and whether a backslash escapes. */
  readonly quoting: TokenizeOptions;
  /** It rewrites conditions as MariaDB does: renamed functions (`lcase`), `MOD`, and logic (`NOT (a > 1)` to `a <= 1`). */
  readonly rewritesLikeMariaDb: boolean;
}

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'null',
  'like',
  'ilike',
  'between',
  'true',
  'false',
  'any',
  'all',
  'some',
  'array',
  'case',
  'when',
  'then',
  'else',
  'end',
  'escape',
  'similar',
  'to',
  'distinct',
  'from',
  'collate',
  'exists',
]);

/** The vocabulary within which two conditions are compared exactly; beyond it only their names and literals are. */
const PLAIN_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'like', 'ilike', 'true', 'false']);
const PLAIN_OPERATORS = new Set(['=', '<>', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||']);

/** Characters that make one operator when adjacent: `<=`, `<>`, `!=`, `::`, `~~*`, `||`. */
const OPERATOR_CHARS = /^[<>=!~*:|]$/;

/** Operators spelt as words (PostgreSQL prints LIKE as `~~`). */
const OPERATOR_SPELLINGS: Record<string, Term[]> = {
  '!=': [{ kind: 'operator', text: '<>' }],
  '~~': [{ kind: 'keyword', text: 'like' }],
  '!~~': [
    { kind: 'keyword', text: 'not' },
    { kind: 'keyword', text: 'like' },
  ],
  '~~*': [{ kind: 'keyword', text: 'ilike' }],
  '!~~*': [
    { kind: 'keyword', text: 'not' },
    { kind: 'keyword', text: 'ilike' },
  ],
};

/** MariaDB's names for the same functions (`length` is the byte length there), and booleans as 1 and 0. */
const MYSQL_SPELLINGS: Record<string, string> = { length: 'octet_length', lower: 'lcase', upper: 'ucase', true: '1', false: '0' };

/** Words that continue a type name after `::` (`character varying`, `double precision`, `timestamp with time zone`). */
const TYPE_WORDS = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone']);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const isPunct = (token: Token | undefined, value: string): boolean => token?.kind === 'punct' && token.value === value;
const isKeyword = (term: Term | undefined, ...words: string[]): boolean => term?.kind === 'keyword' && words.includes(term.text);

/**
 * True when a named check's condition in the database and in the entities certainly differ.
 * Both are normalised (quotes, casts, parentheses, case, whitespace and the rewrites above); when
 * they still differ, the difference counts if both use only plain comparisons and boolean logic,
 * or if their column names and literals differ. Otherwise (a function or construct the database
 * may have rewritten in a way not known here) it is not reported.
 * @param database the condition as the database returns it
 * @param metadata the condition as the entity declares it
 */
export function checkConditionChanged(syntax: ConditionSyntax, database: string, metadata: string): boolean {
  const before = normalizeCondition(syntax, database);
  const after = normalizeCondition(syntax, metadata);
  if (text(before) === text(after)) return false;
  if (syntax.rewritesLikeMariaDb && (hasMysqlRewrittenLogic(before) || hasMysqlRewrittenLogic(after))) return false;
  const isPlain = (terms: readonly Term[]) => terms.every(isPlainTerm);
  return (isPlain(before) && isPlain(after)) || text(atoms(before)) !== text(atoms(after));
}

/**
 * True when two conditions are the same once normalised: spelling, quoting, case, whitespace,
 * parentheses and the rewrites above aside (`balance>=0` is `("balance" >= 0)`).
 */
export function sameCondition(syntax: ConditionSyntax, a: string, b: string): boolean {
  return text(normalizeCondition(syntax, a)) === text(normalizeCondition(syntax, b));
}

/** The names a condition mentions (not its functions or keywords), in order of first mention, as written. */
export function conditionNames(syntax: ConditionSyntax, condition: string): string[] {
  const tokens = tokenize(condition, syntax.quoting);
  const names: string[] = [];
  tokens.forEach((token, i) => {
    const isName = token.kind === 'identifier' || (token.kind === 'word' && !KEYWORDS.has(token.value.toLowerCase()));
    if (!isName || isPunct(tokens[i + 1], '(') || names.some((n) => n.toLowerCase() === token.value.toLowerCase())) return;
    names.push(token.value);
  });
  return names;
}

/** The condition as comparable terms. */
function normalizeCondition(syntax: ConditionSyntax, condition: string): Term[] {
  return singleItemLists(between(arrays(terms(syntax, mergeOperators(tokenize(condition, syntax.quoting))))));
}

const text = (terms: readonly Term[]): string => terms.map((t) => `${t.kind}:${t.text}`).join(' ');

function isPlainTerm(term: Term): boolean {
  if (term.kind === 'keyword') return PLAIN_KEYWORDS.has(term.text);
  if (term.kind === 'operator') return PLAIN_OPERATORS.has(term.text);
  if (term.kind === 'other') return term.text === ',';
  return term.kind !== 'function';
}

/**
 * What MariaDB rewrites into other logic, so that neither the text nor the names and literals
 * survive: NOT before anything but IN, LIKE or BETWEEN (`NOT (a > 1)` becomes `a <= 1`), a
 * boolean column used as a condition (`b` becomes `b <> 0`), and `||`, which is OR there.
 */
function hasMysqlRewrittenLogic(terms: readonly Term[]): boolean {
  const isBoundary = (term: Term | undefined) => term === undefined || isKeyword(term, 'and', 'or', 'not');
  return terms.some((term, i) => {
    if (isKeyword(term, 'not')) return !isKeyword(terms[i - 1], 'is') && !isKeyword(terms[i + 1], 'in', 'like', 'between');
    if (term.kind === 'name') return isBoundary(terms[i - 1]) && isBoundary(terms[i + 1]);
    return term.kind === 'operator' && term.text === '||';
  });
}

/** Column names and literals, sorted: what a condition is about, however it is spelt. */
function atoms(terms: readonly Term[]): Term[] {
  return terms
    .filter((t) => t.kind === 'name' || t.kind === 'literal')
    .sort((a, b) => (text([a]) < text([b]) ? -1 : text([a]) > text([b]) ? 1 : 0));
}

/** Adjacent operator characters as one operator token. */
function mergeOperators(tokens: readonly Token[]): Token[] {
  const merged: Token[] = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    const isOperator = (t: Token) => t.kind === 'punct' && [...t.value].every((c) => OPERATOR_CHARS.test(c));
    if (last && isOperator(last) && isOperator(token) && last.end === token.start) {
      merged[merged.length - 1] = { ...last, value: last.value + token.value, end: token.end };
    } else merged.push(token);
  }
  return merged;
}

/** The index after the type name a `::` at `cast` casts to. */
function afterType(tokens: readonly Token[], cast: number): number {
  let i = cast + 2;
  while (isPunct(tokens[i], '.') || (tokens[i]?.kind === 'number' && tokens[i].value === '.')) i += 2;
  while (tokens[i]?.kind === 'word' && TYPE_WORDS.has(tokens[i].value.toLowerCase())) i++;
  if (isPunct(tokens[i], '(')) {
    while (i < tokens.length && !isPunct(tokens[i], ')')) i++;
    i++;
  }
  while (isPunct(tokens[i], '[') && isPunct(tokens[i + 1], ']')) i += 2;
  return i;
}

const numberTerm = (value: string): Term => {
  const n = Number(value);
  // Beyond 2^53 a double would round: keep the digits as written.
  return { kind: 'literal', text: Number.isFinite(n) && Math.abs(n) < 2 ** 53 ? String(n) : value.toLowerCase() };
};
const stringTerm = (value: string): Term => ({ kind: 'literal', text: `'${value.replace(/'/g, "''")}'` });

/** Tokens to terms: casts and parentheses dropped, names and keywords in lower case, literals in one spelling. */
function terms(syntax: ConditionSyntax, tokens: readonly Token[]): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1];
    const castFollows = isPunct(next, '::');
    if (isPunct(token, '::')) {
      i = afterType(tokens, i) - 1;
    } else if (token.kind === 'string') {
      // PostgreSQL prints a negative or large number as a string cast to its type: '-1'::integer.
      const literal = token.literal ?? '';
      out.push(castFollows && NUMBER.test(literal) ? numberTerm(literal) : stringTerm(literal));
    } else if (token.kind === 'number') {
      out.push(NUMBER.test(token.value) ? numberTerm(token.value) : { kind: 'other', text: token.value });
    } else if (token.kind === 'identifier') {
      out.push({ kind: 'name', text: token.value.toLowerCase() });
    } else if (token.kind === 'word') {
      // MySQL 8 writes a charset introducer before a string: _utf8mb4'open'.
      if (token.value.startsWith('_') && next?.kind === 'string' && next.start === token.end) continue;
      const lower = token.value.toLowerCase();
      const word = syntax.rewritesLikeMariaDb ? (MYSQL_SPELLINGS[lower] ?? lower) : lower;
      if (NUMBER.test(word)) out.push(numberTerm(word));
      // MariaDB prints `a % b` as `a MOD b`.
      else if (syntax.rewritesLikeMariaDb && word === 'mod' && !isPunct(next, '(')) out.push({ kind: 'operator', text: '%' });
      else if (KEYWORDS.has(word)) out.push({ kind: 'keyword', text: word });
      else out.push({ kind: isPunct(next, '(') ? 'function' : 'name', text: word });
    } else if (token.value === '(' || token.value === ')') {
      // Databases add parentheses freely; grouping is not compared.
    } else if (token.value === '-' && next?.kind === 'number' && isOperand(out[out.length - 1])) {
      out.push(numberTerm(`-${next.value}`));
      i++;
    } else if (OPERATOR_SPELLINGS[token.value]) {
      out.push(...OPERATOR_SPELLINGS[token.value]);
    } else {
      out.push({
        kind: [...token.value].every((c) => OPERATOR_CHARS.test(c)) || '+-/%'.includes(token.value) ? 'operator' : 'other',
        text: token.value,
      });
    }
  }
  return out;
}

/** True where a `-` would start a negative number: at the start, or after an operator, keyword or comma. */
function isOperand(previous: Term | undefined): boolean {
  return previous === undefined || previous.kind === 'operator' || previous.kind === 'keyword' || previous.kind === 'other';
}

/** PostgreSQL's `= ANY (ARRAY[a, b])` as `IN (a, b)`, and `<> ALL (ARRAY[...])` as `NOT IN (...)`. */
function arrays(terms: readonly Term[]): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    const [op, quantifier, array, open] = terms.slice(i, i + 4);
    const isIn = op?.text === '=' && isKeyword(quantifier, 'any');
    const isNotIn = op?.text === '<>' && isKeyword(quantifier, 'all');
    const close = terms.findIndex((t, j) => j > i + 3 && t.kind === 'other' && t.text === ']');
    if ((isIn || isNotIn) && isKeyword(array, 'array') && open?.text === '[' && close !== -1) {
      out.push(
        ...(isNotIn ? [{ kind: 'keyword', text: 'not' } as Term] : []),
        { kind: 'keyword', text: 'in' },
        ...terms.slice(i + 4, close),
      );
      i = close;
    } else out.push(terms[i]);
  }
  return out;
}

const isBoolean = (term: Term | undefined) => isKeyword(term, 'and', 'or', 'not');

/** `x BETWEEN a AND b` as PostgreSQL prints it: `x >= a AND x <= b` (NOT BETWEEN: `x < a OR x > b`). */
function between(terms: readonly Term[]): Term[] {
  const at = terms.findIndex((t) => isKeyword(t, 'between'));
  const and = terms.findIndex((t, j) => j > at && isKeyword(t, 'and'));
  if (at === -1 || and === -1) return [...terms];
  const negated = isKeyword(terms[at - 1], 'not');
  const leftEnd = negated ? at - 1 : at;
  let leftStart = leftEnd;
  while (leftStart > 0 && !isBoolean(terms[leftStart - 1])) leftStart--;
  let highEnd = and + 1;
  while (highEnd < terms.length && !isKeyword(terms[highEnd], 'and', 'or')) highEnd++;
  const left = terms.slice(leftStart, leftEnd);
  const op = (text: string): Term => ({ kind: 'operator', text });
  const rewritten = negated
    ? [
        ...left,
        op('<'),
        ...terms.slice(at + 1, and),
        { kind: 'keyword', text: 'or' } as Term,
        ...left,
        op('>'),
        ...terms.slice(and + 1, highEnd),
      ]
    : [...left, op('>='), ...terms.slice(at + 1, and), terms[and], ...left, op('<='), ...terms.slice(and + 1, highEnd)];
  return between([...terms.slice(0, leftStart), ...rewritten, ...terms.slice(highEnd)]);
}

/** `x IN (a)` as PostgreSQL prints it: `x = a` (`NOT IN`: `x <> a`). */
function singleItemLists(terms: readonly Term[]): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    const isSingle = isKeyword(term, 'in') && terms[i + 1] !== undefined && !(terms[i + 2]?.kind === 'other' && terms[i + 2].text === ',');
    if (!isSingle) {
      out.push(term);
      continue;
    }
    const negated = isKeyword(out[out.length - 1], 'not');
    if (negated) out.pop();
    out.push({ kind: 'operator', text: negated ? '<>' : '=' });
  }
  return out;
}
