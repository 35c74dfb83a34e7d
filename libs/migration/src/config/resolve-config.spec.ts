import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFileSystem } from '../script/memory-file-system';
import { AUTOGENERATE_DEFAULTS, resolveAutogenerateOptions, resolveConfig } from './resolve-config';

describe('resolveConfig', () => {
  const ports = { fs: () => new MemoryFileSystem({ 'default/port': '' }) };

  it('fills in every default, the file system from the ports given', () => {
    const resolved = resolveConfig({ directory: 'migrations', database: { url: 'sqlite::memory:' } }, ports);
    expect(resolved).toEqual({
      directory: 'migrations',
      database: { url: 'sqlite::memory:' },
      fs: expect.any(MemoryFileSystem),
      xArguments: {},
      lockTimeoutMs: 60_000,
    });
    expect(resolved.fs.exists('default/port')).toBe(true);
  });

  it('keeps what the configuration gives', () => {
    const fs = new MemoryFileSystem();
    const config = { directory: 'm', database: { url: 'sqlite::memory:' }, fs, xArguments: { a: '1' }, lockTimeoutMs: 5, tag: 't' };
    expect(resolveConfig(config, ports)).toEqual(config);
    expect(resolveConfig(config, ports).fs).toBe(fs);
  });
});

describe('resolveAutogenerateOptions', () => {
  it('fills in the defaults, and keeps what is given', () => {
    expect(resolveAutogenerateOptions({})).toEqual({
      renderAsBatch: true,
      compareType: true,
      compareServerDefault: true,
      includeSchemas: false,
    });
    expect(AUTOGENERATE_DEFAULTS).toEqual({ renderAsBatch: true, compareType: true, compareServerDefault: true, includeSchemas: false });
    const compareType = () => false;
    expect(
      resolveAutogenerateOptions({
        renderAsBatch: false,
        compareType,
        compareServerDefault: false,
        includeSchemas: true,
        allowEmpty: true,
      }),
    ).toEqual({
      renderAsBatch: false,
      compareType,
      compareServerDefault: false,
      includeSchemas: true,
      allowEmpty: true,
    });
  });
});

// The dependency rule: config/ is read by every layer and imports none of them.
describe('config/', () => {
  it('imports nothing from the other layers', () => {
    const imports = readdirSync(__dirname)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .flatMap((file) => [...readFileSync(join(__dirname, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]));
    expect(imports.filter((path) => path.startsWith('..'))).toEqual([]);
  });
});
