import type { AppliedLogEntry } from '../runtime/applied-log';
import { MemoryFileSystem } from '../script/memory-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { describeApplied } from '../cli/format/applied';
import { appliedRevisions } from './applied-revisions';

function file(id: string, down: string | string[] | null): string {
  const literal = down === null ? 'null' : JSON.stringify(down).replace(/"/g, "'");
  return `/**\n * ${id}\n */\nexport const revision = '${id}';\nexport const downRevision = ${literal};\nexport const branchLabels = null;\nexport const dependsOn = null;\n`;
}

/** diamond a -> (b, c) -> d, and e on top of b only. */
function diamond(): ScriptDirectory {
  const fs = new MemoryFileSystem();
  fs.mkdir('migrations/versions');
  const revisions: [string, string | string[] | null][] = [
    ['aaaa', null],
    ['bbbb', 'aaaa'],
    ['cccc', 'aaaa'],
    ['dddd', ['bbbb', 'cccc']],
    ['eeee', 'bbbb'],
  ];
  for (const [id, down] of revisions) fs.writeFile(`migrations/versions/${id}.ts`, file(id, down));
  return new ScriptDirectory({ directory: 'migrations', fs });
}

const row = (id: number, revision: string, direction: AppliedLogEntry['direction'], durationMs: number | null = 120): AppliedLogEntry => ({
  id,
  revision,
  direction,
  step: `${direction} x -> ${revision}`,
  appliedAt: `2026-12-07T18:00:0${id}Z`,
  durationMs,
  toolVersion: '0.1.0',
  checksum: direction === 'stamp' ? null : `sum${id}`,
});

describe('applied revisions, from the version table and the applied log', () => {
  it("are the rows and everything below them, in history's order, each with its latest log row", () => {
    const log = [
      row(1, 'aaaa', 'upgrade'),
      row(2, 'bbbb', 'upgrade'),
      row(3, 'bbbb', 'downgrade'),
      row(4, 'bbbb', 'upgrade'),
      row(5, 'cccc', 'stamp'),
    ];
    const applied = appliedRevisions(diamond(), ['bbbb', 'cccc'], log);
    expect(applied.map((a) => [a.revision, a.entry?.id ?? null])).toEqual([
      ['bbbb', 4],
      ['cccc', 5],
      ['aaaa', 1],
    ]);
  });

  it('list a version-table row no file has first, with no file', () => {
    const applied = appliedRevisions(diamond(), ['ffff', 'aaaa'], []);
    expect(applied.map((a) => [a.revision, a.script?.revision ?? null, a.entry])).toEqual([
      ['ffff', null, null],
      ['aaaa', 'aaaa', null],
    ]);
  });

  it('are none on an empty version table', () => {
    expect(appliedRevisions(diamond(), [], [row(1, 'aaaa', 'upgrade')])).toEqual([]);
  });

  it('say when they ran, stamped, or unknown (no row, or a downgrade the version table contradicts)', () => {
    expect(describeApplied(row(1, 'aaaa', 'upgrade', 1234))).toBe('2026-12-07T18:00:01Z in 1.23 s');
    expect(describeApplied(row(2, 'aaaa', 'upgrade', null))).toBe('2026-12-07T18:00:02Z');
    expect(describeApplied(row(3, 'aaaa', 'stamp'))).toBe('2026-12-07T18:00:03Z (stamped)');
    expect(describeApplied(row(4, 'aaaa', 'downgrade'))).toBe('unknown');
    expect(describeApplied(null)).toBe('unknown');
  });
});
