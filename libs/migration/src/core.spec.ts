import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// What the core entry loads, in a fresh Node process (Jest's registry would hide it), with the
// sources compiled by sucrase's require hook as they load, so no build is needed.
describe('the core entry', () => {
  const script = `
    require('sucrase/register/ts');
    const loaded = () => new Set(Object.keys(require.cache).flatMap((file) => {
      const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);
      return match ? [match[1]] : [];
    }));
    // The packages loaded since the require hook (sucrase and its own dependencies).
    const hook = loaded();
    const packages = () => [...loaded()].filter((name) => !hook.has(name)).sort();
    const core = require(${JSON.stringify(join(__dirname, 'core.ts'))});
    const required = packages();
    const directory = 'migrations';
    const fs = new core.MemoryFileSystem();
    core.init(fs, { directory });
    const heads = core.heads(core.scriptDirectory({ directory, fs, database: { url: 'sqlite::memory:' } }));
    const afterHeads = packages();
    core.current({ directory, fs, database: { url: 'sqlite::memory:' } }).then((current) => {
      console.log(JSON.stringify({ required, heads: heads.length, afterHeads, current: current.heads, afterCurrent: packages() }));
    });
  `;

  it('loads no Nest, nest-commander, TypeORM or driver until a command connects', () => {
    const result = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const { required, heads, afterHeads, current, afterCurrent } = JSON.parse(result.stdout);
    expect(required).toEqual([]);
    expect(heads).toBe(0);
    expect(afterHeads).toEqual([]);
    expect(current).toEqual([]);
    expect(afterCurrent).toEqual(expect.arrayContaining(['better-sqlite3', 'typeorm']));
    expect(afterCurrent.filter((name: string) => name.startsWith('@nestjs/') || name === 'nest-commander')).toEqual([]);
  });
});
