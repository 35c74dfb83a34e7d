// ESLint flat config. Besides typescript-eslint's recommended rules, it encodes the dependency
// direction of ARCHITECTURE.md as import-x/no-restricted-paths zones, so a wrong arrow fails
// `npm run lint` (and CI) instead of waiting for a reviewer.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const src = 'libs/migration/src';

// Each layer and the folders (or files) of libs/migration/src it may import; errors.ts,
// one-line.ts and package-info.ts are the shared leaves every layer may use.
const leaves = ['./errors.ts', './one-line.ts', './package-info.ts'];
const layers = {
  graph: [],
  config: [],
  script: ['./graph', './config'],
  operations: ['./config'],
  dialects: ['./operations', './config'],
  runtime: ['./graph', './script', './operations', './dialects', './config'],
  autogenerate: ['./operations', './dialects', './runtime', './config'],
  commands: ['./graph', './script', './operations', './dialects', './runtime', './autogenerate', './config'],
  nest: ['./graph', './script', './operations', './dialects', './runtime', './autogenerate', './commands', './config', './core.ts'],
  // The CLI is an adapter over everything: it formats what the commands return.
  cli: [
    './nest',
    './graph',
    './script',
    './operations',
    './dialects',
    './runtime',
    './autogenerate',
    './commands',
    './config',
    './core.ts',
  ],
};
const layerZones = Object.entries(layers).map(([layer, allowed]) => ({
  target: `${src}/${layer}`,
  from: src,
  except: [`./${layer}`, ...allowed, ...leaves],
  message: `${layer}/ may import only ${[...allowed, ...leaves].join(', ') || 'itself'} (ARCHITECTURE.md, the dependency rule).`,
}));
// The core entry is what the schematics and tools load: it must not reach the adapters.
const coreEntryZone = {
  target: `${src}/core.ts`,
  from: [`${src}/nest`, `${src}/cli`, `${src}/index.ts`],
  message: 'core.ts is the entry without Nest: it may not import nest/ or cli/.',
};
// Outside the library, only its public entries: a deep path would break for installed users.
const deepImportZones = ['libs/schematics', 'apps', 'tools'].map((target) => ({
  target,
  from: src,
  message: 'Import @nest-migrate/migration (or /core), never a path inside libs/migration/src.',
}));

const adapters = ['@nestjs/*', 'nest-commander', 'commander', '@angular-devkit/*', 'pg', 'mysql2', 'mysql2/*', 'better-sqlite3'];
const coreFolders = ['graph', 'config', 'script', 'operations', 'dialects', 'runtime', 'autogenerate', 'commands'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.nx/**',
      'coverage/**',
      '**/__fixtures__/**',
      'tools/consumer/fixtures/**',
      'apps/demo/migrations/**',
      'libs/migration/src/script/templates/**',
      'libs/schematics/src/**/files/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // TypeORM itself types entity classes as Function (DataSourceOptions.entities).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // TypeORM and @nestjs/typeorm are required lazily, at first use, so commands that never
      // connect start without loading them, and sucrase only when a .ts revision is first compiled.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^typeorm$', '^@nestjs/typeorm$', '^sucrase$'] }],
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, coreEntryZone, ...deepImportZones] }],
    },
  },
  {
    files: [...coreFolders.map((folder) => `${src}/${folder}/**/*.ts`), `${src}/core.ts`, `${src}/errors.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: adapters,
              message: 'The core never imports Nest, the CLI framework, angular-devkit or a driver (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Specs may reach into any layer to test it, and plain .js tools are CommonJS scripts.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.consumer-spec.ts', '**/testing.ts', '**/test/**'],
    rules: {
      'import-x/no-restricted-paths': 'off',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['tools/jest-database-suites.js'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // Scripts take `performance` and `crypto` from their node: modules explicitly.
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
);
