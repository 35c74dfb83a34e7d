import type { CurrentResult } from '../../commands/current';
import { history } from '../../commands/history';
import { init } from '../../commands/init';
import { revision } from '../../commands/revision';
import { MemoryFileSystem } from '../../script/memory-file-system';
import { ScriptDirectory } from '../../script/script-directory';
import { currentMarks, formatHistory } from './history';

describe('history -i marks', () => {
  const fs = new MemoryFileSystem();
  init(fs, { directory: 'migrations' });
  const script = () => new ScriptDirectory({ directory: 'migrations', fs });
  revision(script(), fs, { revId: 'aaaa', message: 'first' });
  revision(script(), fs, { revId: 'bbbb', message: 'second' });
  const revisions = history(script());
  const result = (heads: string[], databases?: [string, string[]][]): CurrentResult => ({
    database: 'x',
    heads,
    revisions: [],
    ...(databases ? { databases: databases.map(([name, h]) => ({ name, database: name, heads: h, revisions: [] })) } : {}),
  });

  it("marks the one database's rows (current)", () => {
    expect(formatHistory(revisions, false, currentMarks(result(['aaaa'])))).toEqual([
      'aaaa -> bbbb (head), second',
      '<base> -> aaaa (current), first',
    ]);
  });

  it('with several databases, names them unless the revision is current in all', () => {
    const marks = currentMarks(
      result(
        ['bbbb'],
        [
          ['default', ['bbbb']],
          ['analytics', ['aaaa']],
        ],
      ),
    );
    expect(formatHistory(revisions, false, marks)).toEqual([
      'aaaa -> bbbb (head) (current: default), second',
      '<base> -> aaaa (current: analytics), first',
    ]);
    const same = currentMarks(
      result(
        ['bbbb'],
        [
          ['default', ['bbbb']],
          ['analytics', ['bbbb']],
        ],
      ),
    );
    expect(formatHistory(revisions, false, same)[0]).toBe('aaaa -> bbbb (head) (current), second');
  });
});
