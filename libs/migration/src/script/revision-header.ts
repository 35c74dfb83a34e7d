import { MalformedRevisionFileError } from './errors';

/** A revision reference as read from a file: one id, a list, or null. */
export type HeaderIds = string | string[] | null;

/** What a revision file declares about itself, read without executing it. */
export interface RevisionHeader {
  revision: string;
  downRevision: HeaderIds;
  branchLabels: HeaderIds;
  dependsOn: HeaderIds;
  /** False when the file opts out of running in a transaction. */
  transactional: boolean;
  /** The leading doc comment, decoration stripped (Alembic's module docstring, stripped). */
  longdoc: string;
  /** The first paragraph of `longdoc`. */
  doc: string;
}

type Name = 'revision' | 'downRevision' | 'branchLabels' | 'dependsOn' | 'transactional';
type Value = string | string[] | boolean | null;

/**
 * The constants we read. A declaration counts only when it starts a line (after indentation):
 * `export const name` (TypeScript, ESM JavaScript) or `exports.name =` (CommonJS, as tsc emits).
 * `let`/`var` are matched only to reject them with a clear message.
 */
const DECLARATION =
  /^\uFEFF?[ \t]*(?:export[ \t]+(const|let|var)[ \t]+|(exports)\.)(revision|downRevision|branchLabels|dependsOn|transactional)(?![\w$])/gm;

/** tsc's CommonJS preamble, `exports.a = exports.b = void 0;`: declares nothing. */
const VOID_PREAMBLE = /(?:exports\.[\w$]+[ \t]*=[ \t]*)*void[ \t]+0(?![\w$])/y;

const IDS_EXPECTED = 'must be a string literal, an array of string literals, or null';
const EXPECTED: Record<Name, string> = {
  revision: 'revision must be a non-empty string literal',
  downRevision: `downRevision ${IDS_EXPECTED}`,
  branchLabels: `branchLabels ${IDS_EXPECTED}`,
  dependsOn: `dependsOn ${IDS_EXPECTED}`,
  transactional: 'transactional must be true or false',
};

/**
 * Reads a revision file's header statically: the declared constants and the leading doc
 * comment. The file is never imported, so graph commands load no migration code and no
 * driver. A line-anchored regex finds candidate declarations; a lazy lexer, run only as far
 * as the last candidate, drops those inside comments and literals; a small parser reads each
 * value, which must be a literal. Every step is linear in the file's length.
 *
 * @param text the file's content
 * @param path the file's path, used in error messages only
 * @returns the header, or null when the file declares no `revision` (the caller warns)
 * @throws MalformedRevisionFileError when a declaration is not a literal of the right kind,
 *   is unterminated or duplicated, or when `revision` is declared without `downRevision`
 */
export function parseRevisionHeader(text: string, path: string): RevisionHeader | null {
  const parser = new HeaderParser(text, path);
  const found = parser.declarations();
  const revision = found.get('revision');
  if (!revision) return null;
  const downRevision = found.get('downRevision');
  if (!downRevision) {
    throw parser.error(
      revision.offset,
      `revision ${revision.value as string} declares no downRevision; ` +
        `add "export const downRevision = null;" for a base revision, or name its parent revision`,
    );
  }
  const longdoc = leadingDocComment(text);
  return {
    revision: revision.value as string,
    downRevision: downRevision.value as HeaderIds,
    branchLabels: (found.get('branchLabels')?.value ?? null) as HeaderIds,
    dependsOn: (found.get('dependsOn')?.value ?? null) as HeaderIds,
    transactional: (found.get('transactional')?.value ?? true) as boolean,
    longdoc,
    // Alembic: re.split("\n\n", longdoc)[0]
    doc: longdoc.split('\n\n')[0],
  };
}

interface Declaration {
  value: Value;
  /** Offset of the declaration's first keyword. */
  offset: number;
  line: number;
}

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  Dollar = 36,
  SingleQuote = 39,
  Asterisk = 42,
  Comma = 44,
  Slash = 47,
  Colon = 58,
  Semicolon = 59,
  Equals = 61,
  GreaterThan = 62,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Backtick = 96,
  OpenBrace = 123,
  CloseBrace = 125,
}

class HeaderParser {
  private readonly lines: LineCounter;

  constructor(
    private readonly text: string,
    private readonly path: string,
  ) {
    this.lines = new LineCounter(text);
  }

  /** Every declaration outside comments and literals, by name; throws on a malformed one. */
  declarations(): Map<Name, Declaration> {
    const { text } = this;
    const found = new Map<Name, Declaration>();
    const literals = new LiteralScanner(text);
    DECLARATION.lastIndex = 0;
    for (let match = DECLARATION.exec(text); match; match = DECLARATION.exec(text)) {
      // After any indentation (and a byte-order mark), where `export`/`exports` starts.
      const offset = match.index + match[0].indexOf('export');
      if (literals.covers(offset)) continue;

      const keyword = match[1];
      const isCommonJs = match[2] !== undefined;
      const name = match[3] as Name;
      const start = match.index + match[0].length;
      let valueStart: number;
      if (isCommonJs) {
        const equals = this.skipSpaces(start);
        // `exports.revision.x = ...` or a comparison is not a declaration.
        if (text.charCodeAt(equals) !== Char.Equals || text.charCodeAt(equals + 1) === Char.Equals) continue;
        valueStart = this.skipSpaces(equals + 1);
        VOID_PREAMBLE.lastIndex = valueStart;
        if (VOID_PREAMBLE.test(text)) continue;
      } else {
        if (keyword !== 'const') {
          throw this.error(offset, `${name} is declared with "export ${keyword}"; declare it with "export const"`);
        }
        valueStart = this.initializer(start, name, offset);
      }

      const previous = found.get(name);
      if (previous) {
        throw this.error(offset, `${name} is declared twice (first on line ${previous.line}); keep one declaration`);
      }
      const line = this.lines.lineAt(offset);
      const { value, end } = this.value(name, this.skipTrivia(valueStart));
      this.expectStatementEnd(name, end);
      found.set(name, { value, offset, line });
    }
    return found;
  }

  error(offset: number, reason: string): MalformedRevisionFileError {
    return new MalformedRevisionFileError(this.path, this.lines.lineAt(offset), reason);
  }

  /** Skips an optional type annotation and the `=`; returns the offset after it. */
  private initializer(from: number, name: Name, declaration: number): number {
    const { text } = this;
    let i = this.skipTrivia(from);
    if (text.charCodeAt(i) === Char.Colon) {
      // A type annotation holds no `=` except inside `=>`.
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === Char.Semicolon) break;
        if (c === Char.Equals && text.charCodeAt(i + 1) !== Char.GreaterThan) break;
      }
    }
    if (text.charCodeAt(i) !== Char.Equals || text.charCodeAt(i + 1) === Char.Equals) {
      throw this.error(declaration, EXPECTED[name]);
    }
    return i + 1;
  }

  private value(name: Name, at: number): { value: Value; end: number } {
    const { text } = this;
    const c = text.charCodeAt(at);
    if (name === 'transactional') {
      const word = readWord(text, at);
      if (word === 'true' || word === 'false') return { value: word === 'true', end: at + word.length };
      throw this.error(at, EXPECTED[name]);
    }
    if (isQuote(c)) {
      const { value, end } = this.string(name, at);
      if (name === 'revision' && value === '') throw this.error(at, EXPECTED[name]);
      return { value, end };
    }
    if (name !== 'revision') {
      if (c === Char.OpenBracket) return this.array(name, at);
      if (readWord(text, at) === 'null') return { value: null, end: at + 4 };
    }
    throw this.error(at, EXPECTED[name]);
  }

  private array(name: Name, open: number): { value: string[]; end: number } {
    const { text } = this;
    const values: string[] = [];
    let i = this.skipTrivia(open + 1);
    if (text.charCodeAt(i) === Char.CloseBracket) return { value: values, end: i + 1 };
    for (;;) {
      if (i >= text.length) throw this.unterminatedArray(name, open);
      if (!isQuote(text.charCodeAt(i))) throw this.error(i, EXPECTED[name]);
      const element = this.string(name, i);
      values.push(element.value);
      i = this.skipTrivia(element.end);
      const c = text.charCodeAt(i);
      if (c === Char.Comma) {
        i = this.skipTrivia(i + 1);
        if (text.charCodeAt(i) === Char.CloseBracket) return { value: values, end: i + 1 };
      } else if (c === Char.CloseBracket) {
        return { value: values, end: i + 1 };
      } else if (i >= text.length) {
        throw this.unterminatedArray(name, open);
      } else {
        throw this.error(i, `${name} has a "," or "]" missing; separate the strings with commas and close the array with ]`);
      }
    }
  }

  private unterminatedArray(name: Name, open: number): MalformedRevisionFileError {
    return this.error(open, `${name} has an unterminated array; close it with ]`);
  }

  /** Reads a quoted string, or a template literal without substitutions. */
  private string(name: Name, open: number): { value: string; end: number } {
    const { text } = this;
    const quote = text.charCodeAt(open);
    let value = '';
    let chunk = open + 1;
    for (let i = chunk; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) return { value: value + text.slice(chunk, i), end: i + 1 };
      if (c === Char.Backslash) {
        value += text.slice(chunk, i);
        const escape = readEscape(text, i);
        value += escape.value;
        i = escape.end - 1;
        chunk = escape.end;
      } else if (quote === Char.Backtick) {
        if (c === Char.Dollar && text.charCodeAt(i + 1) === Char.OpenBrace) throw this.error(i, EXPECTED[name]);
      } else if (isLineBreak(c)) {
        break;
      }
    }
    throw this.error(open, `${name} has an unterminated string literal; close it with a matching quote on the same line`);
  }

  /**
   * After a value: an optional `as const` and `;`, then the end of the line or a comment. Without
   * a `;`, the next line must not continue the expression (ASI would not end the statement).
   */
  private expectStatementEnd(name: Name, from: number): void {
    const { text } = this;
    let i = this.skipSpaces(from);
    if (text.startsWith('as', i) && !isWordChar(text.charCodeAt(i + 2))) {
      const afterAs = this.skipSpaces(i + 2);
      if (readWord(text, afterAs) !== 'const') throw this.error(i, EXPECTED[name]);
      i = this.skipSpaces(afterAs + 5);
    }
    if (text.charCodeAt(i) === Char.Semicolon) return;
    const c = text.charCodeAt(i);
    const isLineEnd = i >= text.length || isLineBreak(c);
    const isComment = c === Char.Slash && (text.charCodeAt(i + 1) === Char.Slash || text.charCodeAt(i + 1) === Char.Asterisk);
    if (!isLineEnd && !isComment) throw this.error(i, EXPECTED[name]);
    const next = this.skipTrivia(i);
    if (next < text.length && CONTINUES_EXPRESSION.has(text.charCodeAt(next))) throw this.error(next, EXPECTED[name]);
  }

  private skipSpaces(from: number): number {
    let i = from;
    while (isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** Skips whitespace, line breaks and comments. */
  private skipTrivia(from: number): number {
    const { text } = this;
    let i = from;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isSpace(c) || isLineBreak(c)) {
        i++;
      } else if (c === Char.Slash && text.charCodeAt(i + 1) === Char.Slash) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else if (c === Char.Slash && text.charCodeAt(i + 1) === Char.Asterisk) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? text.length : end + 2;
      } else {
        return i;
      }
    }
  }
}

/** Characters that, first on the next line, continue the previous expression. */
const CONTINUES_EXPRESSION = new Set([...'.+-*/%?:&|^<>=,(['].map((c) => c.charCodeAt(0)));

/** Line numbers for ascending offsets in one forward pass; it restarts for an earlier offset. */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (let i = this.text.indexOf('\n', this.offset); i !== -1 && i < offset; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
    }
    this.offset = offset;
    return this.line;
  }
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORD = new Set('return typeof instanceof in of new delete void throw case do else yield await'.split(' '));
/** Punctuation after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_PUNCTUATION = new Set([...'(,=:[!&|?{};+-*%<>~^'].map((c) => c.charCodeAt(0)));
const CODE_SPECIAL = /[/'"`{}]/g;

/**
 * Tells whether an offset lies in a comment or in a string, template or regular-expression
 * literal: text where a declaration does not count. It lexes lazily, only as far as the
 * offsets asked about, which must ascend; the declarations sit at the top of a revision file,
 * so the migration code below them is usually never lexed. A template is one region,
 * substitutions included. Regular expressions are told from divisions by the preceding
 * token, which is right for any code a revision file holds.
 */
class LiteralScanner {
  private position = 0;
  /** The region found by the latest step, `[start, end)`. */
  private regionStart = 0;
  private regionEnd = 0;
  /** One entry per open `${`: the depth of `{` nested inside it. */
  private readonly substitutions: number[] = [];
  private templateStart = 0;

  constructor(private readonly text: string) {}

  /** Whether `offset` (not below any earlier one asked about) is inside a literal or comment. */
  covers(offset: number): boolean {
    while (this.position <= offset && this.position < this.text.length) this.step();
    if (this.substitutions.length > 0 && this.templateStart <= offset) return true;
    return this.regionStart <= offset && offset < this.regionEnd;
  }

  /** Lexes up to and including the next comment, literal, brace or slash. */
  private step(): void {
    const { text } = this;
    CODE_SPECIAL.lastIndex = this.position;
    const match = CODE_SPECIAL.exec(text);
    if (!match) {
      this.position = text.length;
      return;
    }
    const at = match.index;
    const c = text.charCodeAt(at);
    const substitutions = this.substitutions;
    const depth = substitutions.length - 1;
    if (c === Char.OpenBrace) {
      if (depth >= 0) substitutions[depth]++;
      this.position = at + 1;
    } else if (c === Char.CloseBrace) {
      if (depth >= 0 && substitutions[depth] === 0) {
        substitutions.pop();
        this.templateText(at + 1);
      } else {
        if (depth >= 0) substitutions[depth]--;
        this.position = at + 1;
      }
    } else if (c === Char.Backtick) {
      if (depth < 0) this.templateStart = at;
      this.templateText(at + 1);
    } else if (c === Char.SingleQuote || c === Char.DoubleQuote) {
      this.region(at, scanQuoted(text, at));
    } else {
      const next = text.charCodeAt(at + 1);
      if (next === Char.Slash) {
        this.region(at, lineEnd(text, at));
      } else if (next === Char.Asterisk) {
        const close = text.indexOf('*/', at + 2);
        this.region(at, close < 0 ? text.length : close + 2);
      } else {
        const end = startsRegex(text, at) ? scanRegex(text, at) : -1;
        if (end < 0) this.position = at + 1;
        else this.region(at, end);
      }
    }
  }

  /** Lexes template text from `from`, up to its closing backtick or the next `${`. */
  private templateText(from: number): void {
    const end = scanTemplateText(this.text, from);
    this.position = end;
    if (this.text.charCodeAt(end - 1) === Char.OpenBrace && this.text.charCodeAt(end - 2) === Char.Dollar) {
      this.substitutions.push(0);
    } else if (this.substitutions.length === 0) {
      this.region(this.templateStart, end);
    }
  }

  /** Records a region and moves past it; inside a template, the template is the region. */
  private region(start: number, end: number): void {
    this.position = end;
    if (this.substitutions.length > 0) return;
    this.regionStart = start;
    this.regionEnd = end;
  }
}

/** End of a `'`/`"` string starting at `open`; an unterminated one ends at its line break. */
function scanQuoted(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === Char.Backslash) i++;
    else if (c === Char.LineFeed) return i;
  }
  return text.length;
}

/** Offset just after the closing backtick, or just after the `${` that opens a substitution. */
function scanTemplateText(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === Char.Backtick) return i + 1;
    if (c === Char.Backslash) i++;
    else if (c === Char.Dollar && text.charCodeAt(i + 1) === Char.OpenBrace) return i + 2;
  }
  return text.length;
}

function startsRegex(text: string, slash: number): boolean {
  let i = slash - 1;
  while (i >= 0 && (isSpace(text.charCodeAt(i)) || isLineBreak(text.charCodeAt(i)))) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  if (REGEX_AFTER_PUNCTUATION.has(c)) return true;
  if (!isWordChar(c)) return false;
  let start = i;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  return REGEX_AFTER_WORD.has(text.slice(start, i + 1));
}

/** End of the regular expression starting at `open`, or -1 if the line ends first. */
function scanRegex(text: string, open: number): number {
  let inClass = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return -1;
    if (c === Char.Backslash) i++;
    else if (c === Char.OpenBracket) inClass = true;
    else if (c === Char.CloseBracket) inClass = false;
    else if (c === Char.Slash && !inClass) return i + 1;
  }
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** Decodes the escape sequence at `backslash`, as JavaScript does. */
function readEscape(text: string, backslash: number): { value: string; end: number } {
  const c = text[backslash + 1] ?? '';
  if (c in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[c], end: backslash + 2 };
  if (c === '\r') return { value: '', end: backslash + (text[backslash + 2] === '\n' ? 3 : 2) };
  if (c === '\n') return { value: '', end: backslash + 2 };
  const hex =
    c === 'x'
      ? /^[0-9a-fA-F]{2}/.exec(text.slice(backslash + 2, backslash + 4))?.[0]
      : c === 'u' && text[backslash + 2] === '{'
        ? /^\{([0-9a-fA-F]+)\}/.exec(text.slice(backslash + 2, backslash + 11))?.[0]
        : c === 'u'
          ? /^[0-9a-fA-F]{4}/.exec(text.slice(backslash + 2, backslash + 6))?.[0]
          : undefined;
  if (hex !== undefined) {
    const code = parseInt(hex.replace(/[{}]/g, ''), 16);
    if (code <= 0x10ffff) return { value: String.fromCodePoint(code), end: backslash + 2 + hex.length };
  }
  return { value: c, end: backslash + 2 };
}

function readWord(text: string, at: number): string {
  let end = at;
  while (isWordChar(text.charCodeAt(end))) end++;
  return text.slice(at, end);
}

function isQuote(c: number): boolean {
  return c === Char.SingleQuote || c === Char.DoubleQuote || c === Char.Backtick;
}

function isSpace(c: number): boolean {
  return c === Char.Space || c === Char.Tab;
}

function isLineBreak(c: number): boolean {
  return c === Char.LineFeed || c === Char.CarriageReturn;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === Char.Dollar || c > 127;
}

/**
 * The text of the first `/** ... *\/` comment, if nothing but comments, a shebang or a
 * `'use strict'` directive precede it: the counterpart of a Python module docstring. Each
 * line loses its indentation, its `*` and one space, and trailing whitespace; the whole is trimmed.
 */
function leadingDocComment(text: string): string {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('#!', i)) i = lineEnd(text, i);
  for (;;) {
    while (isSpace(text.charCodeAt(i)) || isLineBreak(text.charCodeAt(i))) i++;
    if (text.startsWith('/**', i) && !text.startsWith('/**/', i)) {
      const close = text.indexOf('*/', i + 3);
      return close < 0 ? '' : docCommentText(text, i + 3, close);
    }
    if (text.startsWith('//', i)) {
      i = lineEnd(text, i);
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return '';
      i = close + 2;
    } else {
      const directive = /^(['"])use strict\1[ \t]*;?/.exec(text.slice(i, i + 14));
      if (!directive) return '';
      i += directive[0].length;
    }
  }
}

/** The text between `start` and `close`, each line without its indentation, `*` and one space. */
function docCommentText(text: string, start: number, close: number): string {
  const lines: string[] = [];
  for (let lineStart = start; lineStart <= close;) {
    const newline = text.indexOf('\n', lineStart);
    const lineStop = newline < 0 || newline > close ? close : newline;
    let i = lineStart;
    while (i < lineStop && isSpace(text.charCodeAt(i))) i++;
    if (i < lineStop && text.charCodeAt(i) === Char.Asterisk) i++;
    if (i < lineStop && text.charCodeAt(i) === Char.Space) i++;
    lines.push(text.slice(i, lineStop).trimEnd());
    lineStart = lineStop + 1;
  }
  return lines.join('\n').trim();
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}
