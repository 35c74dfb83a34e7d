// Helpers for the consumer tests: the packages as npm packs them, installed into an app outside
// this workspace with their declared dependencies only, and commands run there as a user runs them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { minVersion } from 'semver';

const WORKSPACE = resolve(__dirname, '../..');
export const FIXTURES = join(__dirname, 'fixtures');

export interface Packed {
  /** Absolute path of the tarball. */
  tarball: string;
  /** Every file in it, as `npm pack` lists them. */
  files: string[];
}

/** `npm pack` of a built library (`migration`, `schematics`) into `destination`. */
export function pack(library: 'migration' | 'schematics', destination: string): Packed {
  const result = run(join(WORKSPACE, 'libs', library), 'npm', ['pack', '--json', '--pack-destination', destination]);
  if (result.code !== 0) throw new Error(`npm pack of libs/${library} failed:\n${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, info.filename), files: info.files.map((file) => file.path).sort() };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell, colour off, and answers what it printed. */
export function run(cwd: string, command: string, args: string[], env: Record<string, string | undefined> = {}): Run {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of a fixture in a fresh temporary directory, outside this workspace and its node_modules. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nest-migrate-consumer-${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Adds dependencies to a package.json, as `npm install <spec>` would record them. */
export function addDependencies(dir: string, field: 'dependencies' | 'devDependencies', specs: Record<string, string>): void {
  const path = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, string>>;
  manifest[field] = { ...manifest[field], ...specs };
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `npm install`, quietly; throws with npm's own output when it fails. */
export function npmInstall(dir: string, args: string[] = []): void {
  const result = run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args]);
  if (result.code !== 0) throw new Error(`npm install ${args.join(' ')} failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
}

/** The peer dependencies a library declares. */
export function peerDependencies(library: 'migration' | 'schematics'): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(WORKSPACE, 'libs', library, 'package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
  };
  return manifest.peerDependencies;
}

/**
 * The app's own dependencies for one end of the supported ranges: `newest` asks npm for the
 * highest version each declared range allows, `lowest` pins the range's minimum, so both ends
 * of every range are installed and run.
 */
export function supportedVersions(end: 'newest' | 'lowest'): Record<string, string> {
  const ranges = {
    ...peerDependencies('migration'),
    typescript: peerDependencies('schematics').typescript,
    // Not ours to declare, but released with @nestjs/core: the same range.
    '@nestjs/platform-express': peerDependencies('migration')['@nestjs/core'],
    // The CLI of the app, which brings its own angular-devkit for `nest g`.
    '@nestjs/cli': '^11.0.0',
  };
  return Object.fromEntries(Object.entries(ranges).map(([name, range]) => [name, end === 'newest' ? range : minVersion(range)!.version]));
}

// A Node stack frame (`    at fn (file.js:1:2)`) or a module that is not there: what a user must never see.
const CRASH = /^\s+at .+:\d+:\d+\)?$|Cannot find module|ERR_MODULE_NOT_FOUND/m;

/** Fails unless the run exited 0 without a stack trace or a missing module in its output. */
export function expectClean(result: Run, what: string): void {
  const report = `${what} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
  if (result.code !== 0 || CRASH.test(result.stdout) || CRASH.test(result.stderr)) throw new Error(report);
}
