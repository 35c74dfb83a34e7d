import { LoopDetectedError } from '../graph/errors';
import { MalformedRevisionFileError } from './errors';
import { MemoryFileSystem } from './memory-file-system';
import { Script } from './script';

const VERSIONS = 'migrations/versions';

function file(revision: string, downRevision: string, extra = ''): string {
  return [
    '/**',
    ` * Revision ${revision}`,
    ' *',
    ' * More words',
    ' */',
    `export const revision = '${revision}';`,
    `export const downRevision = ${downRevision};`,
    extra,
  ].join('\n');
}

describe('Script.fromFile', () => {
  it('builds a graph node with the file, doc and transactional flag', () => {
    const fs = new MemoryFileSystem({
      [`${VERSIONS}/b2_merge.ts`]: file(
        'b2',
        "['a1', 'a2']",
        "export const branchLabels = 'feature';\nexport const transactional = false;",
      ),
    });
    const warn = jest.fn();
    const script = Script.fromFile(fs, `${VERSIONS}/b2_merge.ts`, warn);
    expect(script).toBeInstanceOf(Script);
    expect(script).toMatchObject({
      revision: 'b2',
      downRevision: ['a1', 'a2'],
      dependsOn: null,
      declaredBranchLabels: ['feature'],
      isMergePoint: true,
      path: `${VERSIONS}/b2_merge.ts`,
      doc: 'Revision b2',
      longdoc: 'Revision b2\n\nMore words',
      transactional: false,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('builds a base revision, transactional by default', () => {
    const fs = new MemoryFileSystem({ [`${VERSIONS}/a1_init.ts`]: file('a1', 'null') });
    const script = Script.fromFile(fs, `${VERSIONS}/a1_init.ts`, jest.fn());
    expect(script).toMatchObject({ revision: 'a1', downRevision: null, isBase: true, transactional: true });
  });

  it('returns null and warns when the file declares no revision', () => {
    const fs = new MemoryFileSystem({ [`${VERSIONS}/helpers.ts`]: 'export const x = 1;\n' });
    const warn = jest.fn();
    expect(Script.fromFile(fs, `${VERSIONS}/helpers.ts`, warn)).toBeNull();
    expect(warn.mock.calls).toEqual([
      [
        `Could not determine revision id from ${VERSIONS}/helpers.ts; the file is ignored. ` +
          `Declare "export const revision = '<id>'" in it.`,
      ],
    ]);
  });

  it('throws the file and line of a malformed declaration', () => {
    const fs = new MemoryFileSystem({ [`${VERSIONS}/a1_init.ts`]: file('a1', 'parent') });
    expect(() => Script.fromFile(fs, `${VERSIONS}/a1_init.ts`, jest.fn())).toThrow(
      new MalformedRevisionFileError(
        `${VERSIONS}/a1_init.ts`,
        7,
        'downRevision must be a string literal, an array of string literals, or null',
      ),
    );
  });

  it('lets the graph reject a revision that names itself as its parent', () => {
    const fs = new MemoryFileSystem({ [`${VERSIONS}/a1_loop.ts`]: file('a1', "'a1'") });
    expect(() => Script.fromFile(fs, `${VERSIONS}/a1_loop.ts`, jest.fn())).toThrow(LoopDetectedError);
  });
});
