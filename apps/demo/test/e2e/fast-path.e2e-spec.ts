import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAIN, runDemo } from './demo-cli';

// The graph commands and --version are answered before Nest loads (answerFromFiles). Their
// output, errors and exit codes must be the full CLI's byte for byte: each case runs both
// ways, the second with NEST_MIGRATE_FAST_PATH=0, which leaves every command to the full CLI.
const MIGRATIONS = resolve(__dirname, '../../migrations');
const NOWHERE = 'postgres://nobody:secret@127.0.0.1:1/nowhere';

let cwd: string;

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
  cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-fast-path-e2e-'));
  cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function both(args: string[]) {
  const fast = runDemo(cwd, NOWHERE, ...args);
  process.env.NEST_MIGRATE_FAST_PATH = '0';
  try {
    return { fast, full: runDemo(cwd, NOWHERE, ...args) };
  } finally {
    delete process.env.NEST_MIGRATE_FAST_PATH;
  }
}

describe('graph commands answered before Nest loads', () => {
  it.each([
    [['heads']],
    [['heads', '-v']],
    [['heads', '--json']],
    [['heads', '--resolve-dependencies']],
    [['history']],
    [['history', '--verbose']],
    [['history', '--json']],
    [['history', '-r', '1975ea83b712:heads']],
    [['history', '--rev-range', 'base:3f2a']],
    [['branches']],
    [['branches', '-v']],
    [['branches', '--json']],
    [['show']],
    [['show', 'tags@head']],
    [['show', '1975', '--json']],
    [['heads', '-d', 'migrations', '-q']],
    [['--version']],
  ])('%j prints what the full CLI prints', (args) => {
    const { fast, full } = both(args);
    expect(fast.code).toBe(0);
    expect(fast.stdout).not.toBe('');
    expect(fast).toEqual(full);
  });

  it.each([
    [
      ['heads', '-d', 'nowhere'],
      "FAILED: Path doesn't exist: 'nowhere'; run the 'init' command to create a migrations directory, or pass --directory\n",
    ],
    [['show', 'ffff'], "FAILED: Can't locate revision identified by 'ffff'\n"],
    [['history', '-r', 'nope:heads'], "FAILED: Can't locate revision identified by 'nope'\n"],
  ])("%j fails with the full CLI's line and exit code, and writes nothing", (args, stderr) => {
    const before = readdirSync(join(cwd, 'migrations', 'versions')).sort();
    const { fast, full } = both(args);
    expect(fast).toEqual({ code: 1, stdout: '', stderr });
    expect(full).toEqual(fast);
    expect(readdirSync(join(cwd, 'migrations', 'versions')).sort()).toEqual(before);
  });

  it.each([[['history', 'extra']], [['heads', '--help']], [['heads', '-vq']], [['history', '-x', 'a']]])(
    '%j, left to the full CLI, answers as it always did',
    (args) => {
      const { fast, full } = both(args);
      expect(fast).toEqual(full);
    },
  );
});
