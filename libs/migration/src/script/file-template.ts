import { CommandError } from '../errors';

/** Alembic's default `file_template`. */
export const DEFAULT_FILE_TEMPLATE = '%(rev)s_%(slug)s';

/** The values a file template may name (Alembic's `_rev_path`). */
export interface FileTemplateTokens {
  rev: string;
  slug: string;
  epoch: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** `%%`, or `%(name)` with flags, width, precision and a conversion; `.` catches anything else after `%`. */
const FORMAT = /%(?:(%)|\((\w+)\)([-#0 +]*)(\d*)(?:\.(\d+))?([a-zA-Z])|[\s\S]|$)/g;

/**
 * The tokens of a file template for a revision created at `date` (local time, as Alembic's
 * `datetime.now()`).
 */
export function fileTemplateTokens(rev: string, slug: string, date: Date): FileTemplateTokens {
  return {
    rev,
    slug,
    epoch: Math.trunc(date.getTime() / 1000),
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}

/**
 * Renders Alembic's `file_template`, a Python `%` format over named values: `%(rev)s`,
 * `%(year)d`, `%(month).2d`, `%(day)02d`, `%%`. Only the `s`, `d` and `i` conversions exist,
 * which is all a file name needs.
 *
 * @param template e.g. `%(year)d_%(month).2d_%(day).2d-%(rev)s_%(slug)s`
 * @param tokens the values
 * @returns the file name without its extension
 * @throws CommandError for an unknown name or a conversion that is not `s`, `d` or `i`
 */
export function renderFileTemplate(template: string, tokens: FileTemplateTokens): string {
  const values = tokens as unknown as Record<string, string | number>;
  return template.replace(
    FORMAT,
    (match: string, percent?: string, name?: string, flags = '', width = '', precision?: string, kind?: string) => {
      if (percent) return '%';
      if (name === undefined || kind === undefined) throw invalid(template, `'${match || '%'}' is not a %(name)s format`);
      if (!Object.prototype.hasOwnProperty.call(values, name)) {
        throw invalid(template, `it names '${name}', which is none of ${Object.keys(values).join(', ')}`);
      }
      const value = values[name];
      let text: string;
      if (kind === 's') {
        text = String(value);
        if (precision !== undefined) text = Array.from(text).slice(0, Number(precision)).join('');
      } else if (kind === 'd' || kind === 'i') {
        if (typeof value !== 'number') throw invalid(template, `%(${name})${kind} needs a number; write %(${name})s`);
        let digits = String(Math.abs(value));
        if (precision !== undefined) digits = digits.padStart(Number(precision), '0');
        const sign = value < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        const size = Number(width || 0);
        if (flags.includes('0') && !flags.includes('-')) digits = digits.padStart(size - sign.length, '0');
        text = sign + digits;
      } else {
        throw invalid(template, `conversion '%${kind}' is not supported; use s or d`);
      }
      const size = Number(width || 0);
      return flags.includes('-') ? text.padEnd(size) : text.padStart(size);
    },
  );
}

function invalid(template: string, why: string): CommandError {
  return new CommandError(`Invalid file template '${template}': ${why}`);
}
