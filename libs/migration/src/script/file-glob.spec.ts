import { expandGlob } from './file-glob';
import { MemoryFileSystem } from './memory-file-system';

describe('expandGlob', () => {
  const fs = new MemoryFileSystem({
    'src/migrations/1700000000002-B.ts': '',
    'src/migrations/1700000000001-A.ts': '',
    'src/migrations/1700000000001-A.d.ts': '',
    'src/migrations/old/1600000000000-Old.ts': '',
    'dist/migrations/1700000000001-A.js': '',
    'dist/migrations/1700000000001-A.js.map': '',
    '/abs/m/1.ts': '',
  });

  it('matches * within one directory, sorted', () => {
    expect(expandGlob(fs, 'src/migrations/*.ts')).toEqual([
      'src/migrations/1700000000001-A.d.ts',
      'src/migrations/1700000000001-A.ts',
      'src/migrations/1700000000002-B.ts',
    ]);
  });

  it('matches ** across directories, and none', () => {
    expect(expandGlob(fs, 'src/**/*-Old.ts')).toEqual(['src/migrations/old/1600000000000-Old.ts']);
    expect(expandGlob(fs, 'src/migrations/**/*-B.ts')).toEqual(['src/migrations/1700000000002-B.ts']);
  });

  it('matches {a,b} alternatives and ? and [..]', () => {
    expect(expandGlob(fs, '{src,dist}/migrations/*-A.{ts,js}')).toEqual([
      'dist/migrations/1700000000001-A.js',
      'src/migrations/1700000000001-A.ts',
    ]);
    expect(expandGlob(fs, 'src/migrations/170000000000[2-9]-?.ts')).toEqual(['src/migrations/1700000000002-B.ts']);
  });

  it('takes a plain path, an absolute glob, and gives nothing for a missing directory', () => {
    expect(expandGlob(fs, 'dist/migrations/1700000000001-A.js')).toEqual(['dist/migrations/1700000000001-A.js']);
    expect(expandGlob(fs, '/abs/m/*.ts')).toEqual(['/abs/m/1.ts']);
    expect(expandGlob(fs, 'nowhere/*.ts')).toEqual([]);
  });
});
