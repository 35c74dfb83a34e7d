import { CommandError } from '../errors';
import { MemoryFileSystem } from '../script/memory-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { revisionPath, revisionPaths } from './edit';
import { init } from './init';
import { revision } from './revision';

function twoHeads() {
  const fs = new MemoryFileSystem();
  init(fs, { directory: 'migrations' });
  const script = () => new ScriptDirectory({ directory: 'migrations', fs });
  revision(script(), fs, { message: 'a', revId: 'aaaa1111' });
  revision(script(), fs, { message: 'b', revId: 'bbbb2222', head: 'base' });
  return script();
}

describe('revisionPath', () => {
  const script = twoHeads();

  it('gives the file of a revision named by a partial id', () => {
    expect(revisionPath(script, 'aaaa')).toBe('migrations/versions/aaaa1111_a.ts');
  });

  it.each([
    ['heads', "'heads' names 2 revisions (aaaa1111, bbbb2222); name one of them"],
    ['zzzz', "Can't locate revision identified by 'zzzz'"],
    ['base', "No revision files indicated by symbol 'base'"],
    [
      'head',
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    ],
  ])('refuses %s in one line', (ident, message) => {
    expect(() => revisionPath(script, ident)).toThrow(CommandError);
    expect(() => revisionPath(script, ident)).toThrow(message);
  });
});

describe('revisionPaths', () => {
  it('gives every file `heads` names, as Alembic opens them', () => {
    expect(revisionPaths(twoHeads(), 'heads')).toEqual(['migrations/versions/aaaa1111_a.ts', 'migrations/versions/bbbb2222_b.ts']);
  });
});
