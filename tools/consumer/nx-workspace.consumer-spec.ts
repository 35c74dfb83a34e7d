// An Nx workspace outside this one, with a Nest app project as @nx/nest lays it out, installs
// the packed schematics (and the library they depend on) with their declared dependencies only,
// and runs them through `nx g`: Nx runs angular-devkit collections in compatibility mode, with
// the devkit our peer dependencies bring.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDependencies, copyFixture, expectClean, npmInstall, pack, run, Run } from './consumer';

const INSTALL_TIMEOUT_MS = 15 * 60_000;
jest.setTimeout(5 * 60_000);

// The Nx this workspace is built with; create-nx-workspace@22 installs the same major.
const NX_VERSION = '^22.7.9';

let packs: string;
let workspace: string;

beforeAll(() => {
  packs = mkdtempSync(join(tmpdir(), 'nest-migrate-packs-'));
  const migration = pack('migration', packs);
  const schematics = pack('schematics', packs);
  workspace = copyFixture('nx-workspace');
  addDependencies(workspace, 'devDependencies', {
    nx: NX_VERSION,
    typescript: '^5.7.3',
    '@nest-migrate/schematics': `file:${schematics.tarball}`,
  });
  addDependencies(workspace, 'dependencies', { '@nest-migrate/migration': `file:${migration.tarball}` });
  npmInstall(workspace);
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  for (const dir of [workspace, packs]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function nxGenerate(...args: string[]): Run {
  const result = run(workspace, 'npx', ['nx', 'g', ...args, '--no-interactive']);
  expectClean(result, `nx g ${args.join(' ')}`);
  return result;
}

describe('nx g in a fresh Nx workspace', () => {
  it('@nest-migrate/schematics:init creates migrations/ at the workspace root', () => {
    const result = nxGenerate('@nest-migrate/schematics:init');
    expect(result.stdout).toContain('CREATE migrations/script.ts.tmpl');
    // A devkit Tree holds files only: versions/ appears with the first revision.
    expect(readdirSync(join(workspace, 'migrations')).sort()).toEqual(['README', 'script.ts.tmpl']);
  });

  it('`nx g migration --message x` (the short form) writes a revision there', () => {
    const result = nxGenerate('migration', '--message', 'add users');
    const [file] = readdirSync(join(workspace, 'migrations/versions'));
    expect(file).toMatch(/^[0-9a-f]{12}_add_users\.ts$/);
    expect(result.stdout).toContain(`CREATE migrations/versions/${file}`);
  });

  it('--project writes to that project: setup, init and a revision under apps/api', () => {
    nxGenerate('@nest-migrate/schematics:setup', '--project', 'api');
    expect(readFileSync(join(workspace, 'apps/api/src/app/app.module.ts'), 'utf8')).toContain(
      "imports: [MigrationModule.forRoot({ directory: 'apps/api/migrations' })]",
    );
    expect(readFileSync(join(workspace, 'apps/api/src/main.ts'), 'utf8')).toContain('await runMigrationCli(AppModule);');
    expect(readFileSync(join(workspace, 'apps/api/tsconfig.app.json'), 'utf8')).toContain('"src/**/*.test.ts", "migrations"]');
    nxGenerate('@nest-migrate/schematics:init', '--project', 'api');
    nxGenerate('migration', '--message', 'add posts', '--project', 'api');
    expect(readdirSync(join(workspace, 'apps/api/migrations/versions'))).toEqual([expect.stringMatching(/^[0-9a-f]{12}_add_posts\.ts$/)]);
  });

  it('a refusal is one line from Nx, a non-zero exit, and nothing written', () => {
    const before = readdirSync(join(workspace, 'migrations/versions'));
    const result = run(workspace, 'npx', ['nx', 'g', '@nest-migrate/schematics:init', '--no-interactive']);
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('Directory migrations already exists and is not empty');
    expect(readdirSync(join(workspace, 'migrations/versions'))).toEqual(before);
  });
});
