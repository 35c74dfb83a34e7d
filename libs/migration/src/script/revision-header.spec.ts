import { MigrationError } from '../errors';
import { MalformedRevisionFileError } from './errors';
import { parseRevisionHeader, type RevisionHeader } from './revision-header';

const PATH = 'migrations/versions/ab_x.ts';

/** Joins lines with `\n`, so that line numbers in a test are the array index plus one. */
function lines(...text: string[]): string {
  return text.join('\n');
}

function parse(text: string): RevisionHeader | null {
  return parseRevisionHeader(text, PATH);
}

/** The error `parse` throws, so a test can assert its exact message and fields. */
function parseError(text: string): MalformedRevisionFileError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof MalformedRevisionFileError) return error;
    throw error;
  }
  throw new Error('expected a MalformedRevisionFileError');
}

const TEMPLATE = lines(
  '/**',
  ' * Add users table',
  ' *',
  ' * Revision ID: 1975ea83b712',
  ' * Revises: 3f2a9c01d4e5',
  ' * Create Date: 2026-11-25 10:00:00.000000',
  ' */',
  "import type { MigrationOps } from '@nest-migrate/migration';",
  '',
  "export const revision = '1975ea83b712';",
  "export const downRevision: string | string[] | null = '3f2a9c01d4e5';",
  'export const branchLabels: string | string[] | null = null;',
  'export const dependsOn: string | string[] | null = null;',
  '',
  'export async function upgrade(op: MigrationOps): Promise<void> {}',
  'export async function downgrade(op: MigrationOps): Promise<void> {}',
  '',
);

/** Just the declarations, for tests about values. */
function declarations(...extra: string[]): string {
  return lines("export const revision = 'a1';", ...extra);
}

describe('parseRevisionHeader', () => {
  describe('the revision template', () => {
    it('reads every declaration and the doc comment', () => {
      expect(parse(TEMPLATE)).toEqual({
        revision: '1975ea83b712',
        downRevision: '3f2a9c01d4e5',
        branchLabels: null,
        dependsOn: null,
        transactional: true,
        longdoc: lines(
          'Add users table',
          '',
          'Revision ID: 1975ea83b712',
          'Revises: 3f2a9c01d4e5',
          'Create Date: 2026-11-25 10:00:00.000000',
        ),
        doc: 'Add users table',
      });
    });

    it('reads the same with CRLF line endings and a byte-order mark', () => {
      const windows = '\uFEFF' + TEMPLATE.replace(/\n/g, '\r\n');
      expect(parse(windows)).toEqual(parse(TEMPLATE));
    });

    it('reads a base revision without the optional declarations', () => {
      expect(parse(lines("export const revision = 'a1';", 'export const downRevision = null;'))).toEqual({
        revision: 'a1',
        downRevision: null,
        branchLabels: null,
        dependsOn: null,
        transactional: true,
        longdoc: '',
        doc: '',
      });
    });
  });

  describe('values', () => {
    it('accepts double quotes, no semicolon, and a trailing comment', () => {
      const header = parse(
        lines('export const revision = "a1"', 'export const downRevision = "a0" // the parent', 'export const dependsOn = null /* none */'),
      );
      expect(header).toMatchObject({ revision: 'a1', downRevision: 'a0', dependsOn: null });
    });

    it('accepts any type annotation', () => {
      const header = parse(
        lines(
          "export const revision: string = 'a1';",
          "export const downRevision: readonly string[] | string | null = ['a0', 'b0'];",
          'export const transactional: boolean = false;',
        ),
      );
      expect(header).toMatchObject({ revision: 'a1', downRevision: ['a0', 'b0'], transactional: false });
    });

    it('reads a one-line array', () => {
      expect(parse(declarations('export const downRevision = [\'a0\', "b0"];'))?.downRevision).toEqual(['a0', 'b0']);
    });

    it('reads an array over several lines, with comments and a trailing comma', () => {
      const header = parse(
        declarations(
          'export const downRevision = [',
          "  'a0', // first parent",
          '  /* second parent */ "b0",',
          '];',
          'export const branchLabels = [',
          "  'x'",
          '] as const;',
        ),
      );
      expect(header?.downRevision).toEqual(['a0', 'b0']);
      expect(header?.branchLabels).toEqual(['x']);
    });

    it('reads an empty array as written', () => {
      expect(parse(declarations('export const downRevision = [];'))?.downRevision).toEqual([]);
    });

    it('reads a value on the line after the =', () => {
      expect(parse(declarations('export const downRevision =', "  'a0';"))?.downRevision).toBe('a0');
    });

    it('decodes escape sequences', () => {
      const header = parse(
        declarations('export const downRevision = null;', "export const branchLabels = ['it\\'s', '\\u0041\\x42\\u{43}'];"),
      );
      expect(header?.branchLabels).toEqual(["it's", 'ABC']);
    });

    it('accepts a template literal without substitutions', () => {
      expect(parse(declarations('export const downRevision = `a0`;'))?.downRevision).toBe('a0');
    });

    it('accepts an indented declaration and "as const"', () => {
      expect(parse(lines("  export const revision = 'a1' as const;", '\texport const downRevision = null;'))).toMatchObject({
        revision: 'a1',
        downRevision: null,
      });
    });

    it('reads transactional true, false, or absent (true)', () => {
      const base = declarations('export const downRevision = null;');
      expect(parse(base)?.transactional).toBe(true);
      expect(parse(lines(base, 'export const transactional = true;'))?.transactional).toBe(true);
      expect(parse(lines(base, 'export const transactional = false;'))?.transactional).toBe(false);
    });
  });

  describe('JavaScript files', () => {
    it('reads an ESM file without type annotations', () => {
      const esm = lines(
        '/** Add users */',
        "export const revision = '1975ea83b712';",
        "export const downRevision = '3f2a9c01d4e5';",
        "export const dependsOn = ['c1'];",
        'export async function upgrade(op) {}',
      );
      expect(parse(esm)).toMatchObject({
        revision: '1975ea83b712',
        downRevision: '3f2a9c01d4e5',
        dependsOn: ['c1'],
        doc: 'Add users',
      });
    });

    it("reads tsc's CommonJS output, skipping its `exports.x = void 0` preamble", () => {
      const commonJs = lines(
        '"use strict";',
        '/**',
        ' * Add users table',
        ' */',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'exports.transactional = exports.dependsOn = exports.branchLabels = exports.downRevision = exports.revision = void 0;',
        'exports.upgrade = upgrade;',
        "exports.revision = '1975ea83b712';",
        "exports.downRevision = '3f2a9c01d4e5';",
        'exports.branchLabels = null;',
        'exports.dependsOn = [\'a\', "b"];',
        'exports.transactional = false;',
        'async function upgrade(op) { }',
      );
      expect(parse(commonJs)).toEqual({
        revision: '1975ea83b712',
        downRevision: '3f2a9c01d4e5',
        branchLabels: null,
        dependsOn: ['a', 'b'],
        transactional: false,
        longdoc: 'Add users table',
        doc: 'Add users table',
      });
    });

    it('ignores other uses of exports.<name>', () => {
      const commonJs = lines(
        "exports.revision = 'a1';",
        'exports.downRevision = null;',
        'exports.revision.length;',
        "if (exports.revision == 'x') {}",
      );
      expect(parse(commonJs)).toMatchObject({ revision: 'a1', downRevision: null });
    });
  });

  describe('a file without a revision declaration', () => {
    it('returns null for a file with no declarations', () => {
      expect(parse('export async function upgrade() {}\n')).toBeNull();
    });

    it('returns null for an empty file', () => {
      expect(parse('')).toBeNull();
    });

    it('returns null when revision is declared only inside comments and strings', () => {
      const text = lines(
        "// export const revision = 'x1';",
        '/*',
        "export const revision = 'x2';",
        '*/',
        "const sql = 'export const revision = 1';",
        'const template = `',
        "export const revision = 'x3';",
        '`;',
        "doSomething(); export const revision = 'x4';",
        'export const downRevision = null;',
      );
      expect(parse(text)).toBeNull();
    });

    it('returns null for a module.exports form, which is not read', () => {
      expect(parse(lines("module.exports.revision = 'a1';", 'module.exports.downRevision = null;'))).toBeNull();
    });
  });

  describe('comments and literals around declarations', () => {
    it('ignores declarations inside template literals, substitutions included', () => {
      const text = lines(
        TEMPLATE,
        'const body = `',
        "export const revision = 'x1';",
        '${nested(`',
        "export const downRevision = 'x2';",
        '`)} and ${ { a: 1 }.a }',
        "export const dependsOn = 'x3';",
        '`;',
      );
      expect(parse(text)).toMatchObject({ revision: '1975ea83b712', downRevision: '3f2a9c01d4e5', dependsOn: null });
    });

    it('is not misled by quotes inside regular expressions or comments', () => {
      const text = lines(
        "const quote = /'/g; // don't",
        'const half = total / 2; const ratio = a / b;',
        "/* it's a comment */ const tick = /`[\"']/;",
        "export const revision = 'a1';",
        'export const downRevision = null;',
        "export const branchLabels = 'label';",
      );
      expect(parse(text)).toMatchObject({ revision: 'a1', downRevision: null, branchLabels: 'label' });
    });

    it('stops ignoring after an unterminated quote at the end of its line', () => {
      const text = lines("const broken = 'oops", "export const revision = 'a1';", 'export const downRevision = null;');
      expect(parse(text)?.revision).toBe('a1');
    });
  });

  describe('doc and longdoc', () => {
    it('keeps every paragraph in longdoc and the first in doc', () => {
      const text = lines(
        '/**',
        ' * Add users table',
        ' * and their emails',
        ' *',
        ' * Longer explanation',
        ' *   - indented item',
        ' *',
        ' * Revision ID: a1',
        ' */',
        declarations('export const downRevision = null;'),
      );
      expect(parse(text)).toMatchObject({
        longdoc: lines('Add users table', 'and their emails', '', 'Longer explanation', '  - indented item', '', 'Revision ID: a1'),
        doc: lines('Add users table', 'and their emails'),
      });
    });

    it('reads a one-line doc comment', () => {
      expect(parse(lines('/** Add users */', declarations('export const downRevision = null;')))).toMatchObject({
        longdoc: 'Add users',
        doc: 'Add users',
      });
    });

    it('reads a doc comment whose lines have no leading *', () => {
      const text = lines('/**', '   Add users', '', '   Details', '*/', declarations('export const downRevision = null;'));
      expect(parse(text)).toMatchObject({ longdoc: lines('Add users', '', 'Details'), doc: 'Add users' });
    });

    it('skips line comments, plain block comments and a shebang before the doc comment', () => {
      const text = lines(
        '#!/usr/bin/env node',
        '/* plain comment */',
        '/**/',
        '/**',
        ' * Add users',
        ' */',
        declarations('export const downRevision = null;'),
      );
      expect(parse(text)?.doc).toBe('Add users');
    });

    it('has no doc when the file has no leading doc comment', () => {
      expect(parse(declarations('export const downRevision = null;'))).toMatchObject({ longdoc: '', doc: '' });
    });

    it('has no doc when the doc comment follows code', () => {
      const text = lines("import { x } from 'y';", '/** Not a module doc */', declarations('export const downRevision = null;'));
      expect(parse(text)).toMatchObject({ longdoc: '', doc: '' });
    });

    it('reads nothing after an unterminated doc comment, as the compiler would', () => {
      expect(parse(lines('/** never closed', declarations('export const downRevision = null;')))).toBeNull();
    });
  });

  describe('malformed declarations', () => {
    it.each([
      [
        'a variable',
        declarations('export const downRevision = someVariable;'),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'a number',
        lines('export const revision = 42;', 'export const downRevision = null;'),
        `${PATH}:1: revision must be a non-empty string literal`,
      ],
      [
        'a null revision',
        lines('export const revision = null;', 'export const downRevision = null;'),
        `${PATH}:1: revision must be a non-empty string literal`,
      ],
      [
        'an empty revision',
        lines("export const revision = '';", 'export const downRevision = null;'),
        `${PATH}:1: revision must be a non-empty string literal`,
      ],
      [
        'an array revision',
        lines("export const revision = ['a1'];", 'export const downRevision = null;'),
        `${PATH}:1: revision must be a non-empty string literal`,
      ],
      [
        'undefined',
        declarations('export const downRevision = undefined;'),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'an expression after a literal',
        declarations("export const downRevision = 'a0' + suffix;"),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'an expression continued on the next line',
        declarations("export const downRevision = 'a0'", "  + 'b0';"),
        `${PATH}:3: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'a cast other than as const',
        declarations("export const downRevision = 'a0' as string;"),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'a template literal with a substitution',
        declarations('export const downRevision = `a${n}`;'),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'a variable inside a multi-line array',
        declarations('export const dependsOn = [', "  'a0',", '  other,', '];', 'export const downRevision = null;'),
        `${PATH}:4: dependsOn must be a string literal, an array of string literals, or null`,
      ],
      [
        'an array without a comma',
        declarations("export const branchLabels = ['a' 'b'];", 'export const downRevision = null;'),
        `${PATH}:2: branchLabels has a "," or "]" missing; separate the strings with commas and close the array with ]`,
      ],
      [
        'an unterminated string',
        declarations("export const downRevision = 'a0;", 'export const dependsOn = null;'),
        `${PATH}:2: downRevision has an unterminated string literal; close it with a matching quote on the same line`,
      ],
      [
        'an unterminated string in an array',
        declarations('export const downRevision = [', "  'a0,", '];'),
        `${PATH}:3: downRevision has an unterminated string literal; close it with a matching quote on the same line`,
      ],
      [
        'an unterminated array',
        declarations('', "export const downRevision = ['a0',", "  'b0'"),
        `${PATH}:3: downRevision has an unterminated array; close it with ]`,
      ],
      [
        'a declaration without a value',
        declarations('export const downRevision: string | null;'),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'a non-boolean transactional',
        declarations('export const downRevision = null;', "export const transactional = 'no';"),
        `${PATH}:3: transactional must be true or false`,
      ],
      [
        'export let',
        declarations('export let downRevision = null;'),
        `${PATH}:2: downRevision is declared with "export let"; declare it with "export const"`,
      ],
      [
        'a CommonJS variable',
        lines("exports.revision = 'a1';", 'exports.downRevision = parent;'),
        `${PATH}:2: downRevision must be a string literal, an array of string literals, or null`,
      ],
      [
        'a duplicate declaration',
        declarations('export const downRevision = null;', '', "export const downRevision = 'a0';"),
        `${PATH}:4: downRevision is declared twice (first on line 2); keep one declaration`,
      ],
      [
        'a duplicate across the ESM and CommonJS forms',
        declarations('export const downRevision = null;', "exports.revision = 'a2';"),
        `${PATH}:3: revision is declared twice (first on line 1); keep one declaration`,
      ],
      [
        'a missing downRevision',
        lines('/** Add users */', '', "export const revision = 'a1';", 'export const dependsOn = null;'),
        `${PATH}:3: revision a1 declares no downRevision; ` +
          'add "export const downRevision = null;" for a base revision, or name its parent revision',
      ],
    ])('rejects %s with the file and line', (_, text, message) => {
      const error = parseError(text);
      expect(error.message).toBe(message);
      expect(error.message).not.toContain('\n');
    });

    it('carries the path, line and reason as fields, and is a MigrationError', () => {
      const error = parseError(TEMPLATE.replace("'3f2a9c01d4e5'", 'parent'));
      expect(error).toBeInstanceOf(MigrationError);
      expect(error.name).toBe('MalformedRevisionFileError');
      expect(error).toMatchObject({
        path: PATH,
        line: 11,
        reason: 'downRevision must be a string literal, an array of string literals, or null',
      });
    });

    it('counts CRLF lines like LF lines', () => {
      const error = parseError(declarations('', 'export const downRevision = parent;').replace(/\n/g, '\r\n'));
      expect(error.line).toBe(3);
    });
  });
});
