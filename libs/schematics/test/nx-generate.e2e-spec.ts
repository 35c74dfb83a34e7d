// Smoke test that `nx g` finds this collection inside the workspace (ARCHITECTURE.md, "Schematics"). It runs
// the built collection, as Nx resolves it through node_modules/@nest-migrate/schematics, so
// `npm run build` must have run first (`npm test` does).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { init, NodeFileSystem } from '@nest-migrate/migration/core';

const run = promisify(execFile);
const workspaceRoot = join(__dirname, '../../..');
// Under dist/, which git and Nx ignore, so a failed run leaves nothing to commit.
const scratchRoot = join(workspaceRoot, 'dist', 'schematics-e2e');

/** Runs `npx nx g ...` in the workspace; stdout and stderr without colour (Nx logs warnings, such as the dry-run note, to stderr). */
async function nxGenerate(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await run('npx', ['nx', 'g', ...args], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' },
  });
  return { stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) };
}

describe('nx g in this workspace', () => {
  jest.setTimeout(120_000);
  let directory: string;
  let versions: string;

  beforeAll(() => {
    if (!existsSync(join(workspaceRoot, 'libs/schematics/dist/collection.json'))) {
      throw new Error('libs/schematics/dist/collection.json is missing; run `NX_DAEMON=false npm run build` first');
    }
  });

  beforeEach(() => {
    mkdirSync(scratchRoot, { recursive: true });
    const absolute = mkdtempSync(join(scratchRoot, 'migrations-'));
    directory = relative(workspaceRoot, absolute).split('\\').join('/');
    versions = join(absolute, 'versions');
    rmSync(absolute, { recursive: true });
    init(new NodeFileSystem(), { directory: absolute });
  });

  afterEach(() => rmSync(join(workspaceRoot, directory), { recursive: true, force: true }));
  afterAll(() => rmSync(scratchRoot, { recursive: true, force: true }));

  it.each([
    ['the full name', '@nest-migrate/schematics:migration'],
    ['the short form', 'migration'],
  ])('%s names the revision file it would create and writes nothing with --dry-run', async (_, generator) => {
    const { stdout, stderr } = await nxGenerate([
      generator,
      '--message',
      'add users',
      '--directory',
      directory,
      '--dry-run',
      '--no-interactive',
    ]);
    expect(stdout).toContain('Generating @nest-migrate/schematics:revision');
    expect(stdout).toMatch(new RegExp(`^CREATE ${directory}/versions/[0-9a-f]{12}_add_users\\.ts$`, 'm'));
    expect(stderr).toContain('NOTE: The "dryRun" flag means no changes were made.');
    expect(readdirSync(versions)).toEqual([]);
  });
});
