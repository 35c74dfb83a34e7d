/**
 * A small model of the TypeScript expressions generated revisions contain, and its printer:
 * an expression is printed on one line when it fits, else broken one element per line with
 * trailing commas (the layout a hand-written revision formatted by Prettier has).
 */

/** An expression: source text as is, a call, an array or an object literal. */
export type Code = string | CallCode | ArrayCode | ObjectCode;

export interface CallCode {
  readonly call: string;
  readonly args: readonly Code[];
}

export interface ArrayCode {
  readonly array: readonly Code[];
  /** Always one element per line (the elements of `createTable`, the rows of `bulkInsert`). */
  readonly multiline?: boolean;
}

export interface ObjectCode {
  readonly object: readonly (readonly [string, Code])[];
  readonly multiline?: boolean;
}

/** Where generated lines are broken; the revision template indents the body by two more. */
export const MAX_WIDTH = 100;

const INDENT = '  ';

export function call(callee: string, ...args: Code[]): CallCode {
  return { call: callee, args };
}

/** `value` printed at column `column` of a line indented by `indent`: lines after the first carry the indent. */
export function printCode(code: Code, column = 0, indent = ''): string {
  if (typeof code === 'string') return code;
  const flat = forcedMultiline(code) ? undefined : printFlat(code);
  if (flat !== undefined && column + flat.length <= MAX_WIDTH && !flat.includes('\n')) return flat;
  const inner = indent + INDENT;
  if ('array' in code) {
    if (code.array.length === 0) return '[]';
    return `[\n${code.array.map((item) => `${inner}${printCode(item, inner.length, inner)},\n`).join('')}${indent}]`;
  }
  if ('object' in code) {
    if (code.object.length === 0) return '{}';
    const entries = code.object.map(([key, value]) => {
      const head = `${inner}${propertyKey(key)}: `;
      return `${head}${printCode(value, head.length, inner)},\n`;
    });
    return `{\n${entries.join('')}${indent}}`;
  }
  // "Hugging": the one argument that must break (createTable's elements), else a last array or
  // object, opens on the call's line and the others stay flat: `createTable('t', [ ... ], { schema })`.
  const hug = huggedArgument(code.args);
  if (hug >= 0) {
    const before = code.args
      .slice(0, hug)
      .map((a) => `${printFlat(a)}, `)
      .join('');
    const after = code.args
      .slice(hug + 1)
      .map((a) => `, ${printFlat(a)}`)
      .join('');
    const head = `${code.call}(${before}`;
    const hugged = printCode(code.args[hug], column + head.length, indent);
    const lastLine = hugged.slice(hugged.lastIndexOf('\n') + 1);
    if (
      column + head.length <= MAX_WIDTH &&
      (hugged.includes('\n') ? lastLine.length : column + head.length + hugged.length) + after.length + 1 <= MAX_WIDTH
    ) {
      return `${head}${hugged}${after})`;
    }
  }
  if (code.args.length === 0) return `${code.call}()`;
  return `${code.call}(\n${code.args.map((a) => `${inner}${printCode(a, inner.length, inner)},\n`).join('')}${indent})`;
}

/** The expression on one line. */
export function printFlat(code: Code): string {
  if (typeof code === 'string') return code;
  if ('array' in code) return `[${code.array.map(printFlat).join(', ')}]`;
  if ('object' in code) {
    if (code.object.length === 0) return '{}';
    return `{ ${code.object.map(([key, value]) => `${propertyKey(key)}: ${printFlat(value)}`).join(', ')} }`;
  }
  return `${code.call}(${code.args.map(printFlat).join(', ')})`;
}

/** Which argument a call hugs, or -1: the only one that must break, if an array or object; else the last, if one. */
function huggedArgument(args: readonly Code[]): number {
  const isBlock = (a: Code) => typeof a !== 'string' && !('call' in a);
  const forced = args.flatMap((a, i) => (forcedMultiline(a) ? [i] : []));
  if (forced.length > 1) return -1;
  if (forced.length === 1) return isBlock(args[forced[0]]) ? forced[0] : -1;
  return args.length && isBlock(args[args.length - 1]) ? args.length - 1 : -1;
}

function forcedMultiline(code: Code): boolean {
  if (typeof code === 'string') return code.includes('\n');
  if ('array' in code) return !!code.multiline || code.array.some(forcedMultiline);
  if ('object' in code) return !!code.multiline || code.object.some(([, value]) => forcedMultiline(value));
  return code.args.some(forcedMultiline);
}

/** A TypeScript string literal: single quotes, or double quotes when that avoids escaping (SQL with '...' in it), as Prettier picks. */
export function stringLiteral(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return `${quote}${text.replace(/[\\'"\n\r\u2028\u2029]/g, (c) => (c === quote ? `\\${c}` : (ESCAPES[c] ?? c)))}${quote}`;
}

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function propertyKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : stringLiteral(key);
}

/** An object literal of the entries whose value is not undefined, keys in the order given. */
export function objectCode(entries: readonly (readonly [string, Code | undefined])[], multiline = false): ObjectCode {
  return { object: entries.filter((e): e is readonly [string, Code] => e[1] !== undefined), multiline };
}

export function isEmptyObject(code: Code): boolean {
  return typeof code !== 'string' && 'object' in code && code.object.length === 0;
}
