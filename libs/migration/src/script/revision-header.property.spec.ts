import fc from 'fast-check';
import { MalformedRevisionFileError } from './errors';
import { parseRevisionHeader } from './revision-header';

const id = fc.stringMatching(/^[0-9a-f]{4,12}$/);
const ids = fc.oneof(fc.constant(null), id, fc.array(id, { maxLength: 3 }));
const quote = fc.constantFrom("'", '"');
/** Blanks and comments the parser must skip between tokens of an array. */
const trivia = fc.constantFrom('', ' ', '\n  ', ' /* c */ ', ' // c\n');

function literal(value: string | string[] | null, q: string, gap: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `${q}${value}${q}`;
  return `[${gap}${value.map((v) => `${q}${v}${q}`).join(`,${gap}`)}${gap}]`;
}

describe('parseRevisionHeader properties', () => {
  it('reads back whatever literals a header declares', () => {
    fc.assert(
      fc.property(id, ids, ids, ids, fc.boolean(), quote, trivia, (revision, down, labels, deps, typed, q, gap) => {
        const type = typed ? ': string | string[] | null' : '';
        const text = [
          '/** Generated */',
          `export const revision${typed ? ': string' : ''} = ${q}${revision}${q};`,
          `export const downRevision${type} = ${literal(down, q, gap)};`,
          `export const branchLabels${type} = ${literal(labels, q, gap)};`,
          `export const dependsOn${type} = ${literal(deps, q, gap)};`,
          'export async function upgrade() {}',
        ].join('\n');
        expect(parseRevisionHeader(text, 'x.ts')).toEqual({
          revision,
          downRevision: down,
          branchLabels: labels,
          dependsOn: deps,
          transactional: true,
          longdoc: 'Generated',
          doc: 'Generated',
        });
      }),
    );
  });

  it('on any text, returns a header or null, or throws MalformedRevisionFileError', () => {
    const fragments = fc.constantFrom(
      '\n',
      ' ',
      'export const revision = ',
      'export const downRevision = ',
      'exports.dependsOn = ',
      "'a'",
      '"b',
      '`',
      '${',
      '}',
      '{',
      '[',
      ']',
      ',',
      '/',
      '/*',
      '*/',
      '//',
      '\\',
      'null',
      ';',
      'x',
    );
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 40 }), (parts) => {
        try {
          const header = parseRevisionHeader(parts.join(''), 'x.ts');
          if (header !== null) expect(typeof header.revision).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedRevisionFileError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
