import { Tree } from '@angular-devkit/schematics';
import { UnitTestTree } from '@angular-devkit/schematics/testing';
import { expectRefused, NEST_CLI_OPTIONS, runner, snapshot } from '../utils/testing';

// The files `nest new` (Nest CLI 11) writes that setup changes, as it writes them.
const NEST_MAIN = `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
`;
const NEST_APP_MODULE = `import { Module } from '@nestjs/common';
import { AppController } from './app.controller';
import { AppService } from './app.service';

@Module({
  imports: [],
  controllers: [AppController],
  providers: [AppService],
})
export class AppModule {}
`;
const NEST_TSCONFIG_BUILD = `{
  "extends": "./tsconfig.json",
  "exclude": ["node_modules", "test", "dist", "**/*spec.ts"]
}
`;
const NEST_PACKAGE = `{
  "name": "shop",
  "scripts": {
    "build": "nest build",
    "start": "nest start"
  }
}
`;

function nestApp(files: Record<string, string> = {}): UnitTestTree {
  const tree = new UnitTestTree(Tree.empty());
  const all = {
    'nest-cli.json': '{ "collection": "@nestjs/schematics", "sourceRoot": "src" }\n',
    'package.json': NEST_PACKAGE,
    'tsconfig.build.json': NEST_TSCONFIG_BUILD,
    'src/main.ts': NEST_MAIN,
    'src/app.module.ts': NEST_APP_MODULE,
    ...files,
  };
  for (const [path, text] of Object.entries(all)) tree.create(path, text);
  return tree;
}

describe('setup schematic', () => {
  describe('in an app made by `nest new`', () => {
    it('adds the module, the CLI branch, the build exclude and the scripts, exactly so', async () => {
      const tree = await runner.runSchematic('setup', NEST_CLI_OPTIONS, nestApp());
      expect(tree.readText('src/app.module.ts')).toBe(`import { Module } from '@nestjs/common';
import { AppController } from './app.controller';
import { AppService } from './app.service';
import { MigrationModule } from '@nest-migrate/migration';

@Module({
  imports: [MigrationModule.forRoot({ directory: 'migrations' })],
  controllers: [AppController],
  providers: [AppService],
})
export class AppModule {}
`);
      expect(tree.readText('src/main.ts')).toBe(`import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { runMigrationCli } from '@nest-migrate/migration';

async function bootstrap() {
  // With a command (\`nest start -- upgrade\`, \`node dist/main upgrade\`) the app is the migration CLI.
  if (process.argv.length > 2) {
    await runMigrationCli(AppModule);
    return;
  }

  const app = await NestFactory.create(AppModule);
  await app.listen(process.env.PORT ?? 3000);
}
bootstrap();
`);
      expect(tree.readText('tsconfig.build.json')).toBe(`{
  "extends": "./tsconfig.json",
  "exclude": ["node_modules", "test", "dist", "**/*spec.ts", "migrations"]
}
`);
      expect(JSON.parse(tree.readText('package.json')).scripts).toEqual({
        build: 'nest build',
        start: 'nest start',
        migration: 'nest start --',
        'migrate:generate': 'nest start -- migrate -m',
        'migrate:upgrade': 'nest start -- upgrade',
        'migrate:downgrade': 'nest start -- downgrade',
        'migrate:current': 'nest start -- current',
        'migrate:history': 'nest start -- history',
        'migrate:check': 'nest start -- check',
      });
    });

    it('changes nothing when run a second time', async () => {
      const once = await runner.runSchematic('setup', {}, nestApp());
      const before = snapshot(once);
      const twice = await runner.runSchematic('setup', {}, once);
      expect(snapshot(twice)).toEqual(before);
    });

    it('keeps scripts the app already has under those names', async () => {
      const withScript = NEST_PACKAGE.replace(
        '"start": "nest start"',
        '"start": "nest start",\n    "migrate:upgrade": "node dist/main upgrade"',
      );
      const tree = await runner.runSchematic('setup', {}, nestApp({ 'package.json': withScript }));
      expect(JSON.parse(tree.readText('package.json')).scripts['migrate:upgrade']).toBe('node dist/main upgrade');
    });

    it('takes another migrations directory', async () => {
      const tree = await runner.runSchematic('setup', { directory: 'db/migrations' }, nestApp());
      expect(tree.readText('src/app.module.ts')).toContain("MigrationModule.forRoot({ directory: 'db/migrations' })");
      expect(tree.readText('tsconfig.build.json')).toContain('"**/*spec.ts", "db/migrations"]');
    });
  });

  describe('root modules of other shapes', () => {
    const run = async (module: string) =>
      (await runner.runSchematic('setup', {}, nestApp({ 'src/app.module.ts': module }))).readText('src/app.module.ts');

    it('a module without imports gets them', async () => {
      expect(await run(`import { Module } from '@nestjs/common';\n\n@Module({\n  providers: [],\n})\nexport class AppModule {}\n`)).toBe(
        `import { Module } from '@nestjs/common';\nimport { MigrationModule } from '@nest-migrate/migration';\n\n@Module({\n  imports: [MigrationModule.forRoot({ directory: 'migrations' })],\n  providers: [],\n})\nexport class AppModule {}\n`,
      );
      expect(await run(`import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n`)).toContain(
        "@Module({ imports: [MigrationModule.forRoot({ directory: 'migrations' })] })",
      );
      expect(await run(`import { Module } from '@nestjs/common';\n@Module()\nexport class AppModule {}\n`)).toContain(
        "@Module({ imports: [MigrationModule.forRoot({ directory: 'migrations' })] })",
      );
    });

    it('a list over several lines gets a line of its own, trailing comma kept', async () => {
      const module = `import { Module } from "@nestjs/common";\nimport { TypeOrmModule } from "@nestjs/typeorm";\n\n@Module({\n  imports: [\n    TypeOrmModule.forRoot({ type: "better-sqlite3", database: "app.db" }),\n  ],\n})\nexport class AppModule {}\n`;
      expect(await run(module)).toBe(
        `import { Module } from "@nestjs/common";\nimport { TypeOrmModule } from "@nestjs/typeorm";\nimport { MigrationModule } from "@nest-migrate/migration";\n\n@Module({\n  imports: [\n    TypeOrmModule.forRoot({ type: "better-sqlite3", database: "app.db" }),\n    MigrationModule.forRoot({ directory: 'migrations' }),\n  ],\n})\nexport class AppModule {}\n`,
      );
    });

    it('an existing import from the library is extended, not repeated', async () => {
      const module = `import { Module } from '@nestjs/common';\nimport { sqlText } from '@nest-migrate/migration';\n\n@Module({ imports: [] })\nexport class AppModule {}\n`;
      expect(await run(module)).toBe(
        `import { Module } from '@nestjs/common';\nimport { sqlText, MigrationModule } from '@nest-migrate/migration';\n\n@Module({ imports: [MigrationModule.forRoot({ directory: 'migrations' })] })\nexport class AppModule {}\n`,
      );
    });

    it('a module that already has MigrationModule is left alone', async () => {
      const module = `import { Module } from '@nestjs/common';\nimport { MigrationModule } from '@nest-migrate/migration';\n\n@Module({ imports: [MigrationModule.forRootAsync({ useFactory: () => ({}) })] })\nexport class AppModule {}\n`;
      expect(await run(module)).toBe(module);
    });

    it('main.ts bootstrapping AppModule.register(...) runs the CLI with the same expression', async () => {
      const main = NEST_MAIN.replace('NestFactory.create(AppModule)', 'NestFactory.create(AppModule.register({ cli: false }))');
      const tree = await runner.runSchematic('setup', {}, nestApp({ 'src/main.ts': main }));
      expect(tree.readText('src/main.ts')).toContain('    await runMigrationCli(AppModule.register({ cli: false }));\n');
    });
  });

  describe('Nx and Nest monorepo projects (--project)', () => {
    it('an Nx project: its own files, the migrations directory under its root, no npm scripts', async () => {
      const tree = new UnitTestTree(Tree.empty());
      tree.create('package.json', '{ "name": "@org/source", "scripts": {} }\n');
      tree.create('apps/api/project.json', JSON.stringify({ name: 'api', sourceRoot: 'apps/api/src' }));
      tree.create(
        'apps/api/tsconfig.app.json',
        '{\n  "extends": "./tsconfig.json",\n  "include": ["src/**/*.ts"],\n  "exclude": ["jest.config.ts", "src/**/*.spec.ts"]\n}\n',
      );
      tree.create('apps/api/src/main.ts', NEST_MAIN.replace("'./app.module'", "'./app/app.module'"));
      tree.create('apps/api/src/app/app.module.ts', NEST_APP_MODULE);
      await runner.runSchematic('setup', { project: 'api' }, tree);
      expect(tree.readText('apps/api/src/app/app.module.ts')).toContain(
        "imports: [MigrationModule.forRoot({ directory: 'apps/api/migrations' })]",
      );
      expect(tree.readText('apps/api/src/main.ts')).toContain('await runMigrationCli(AppModule);');
      expect(tree.readText('apps/api/tsconfig.app.json')).toContain('"exclude": ["jest.config.ts", "src/**/*.spec.ts", "migrations"]');
      expect(tree.readText('package.json')).toBe('{ "name": "@org/source", "scripts": {} }\n');
    });

    it('a Nest monorepo project: scripts start that project', async () => {
      const tree = new UnitTestTree(Tree.empty());
      tree.create('package.json', NEST_PACKAGE);
      tree.create(
        'nest-cli.json',
        JSON.stringify({ monorepo: true, projects: { admin: { root: 'apps/admin', sourceRoot: 'apps/admin/src' } } }),
      );
      tree.create('apps/admin/tsconfig.app.json', '{ "exclude": ["node_modules", "dist", "test"] }\n');
      tree.create('apps/admin/src/main.ts', NEST_MAIN);
      tree.create('apps/admin/src/app.module.ts', NEST_APP_MODULE);
      await runner.runSchematic('setup', { ...NEST_CLI_OPTIONS, project: 'admin' }, tree);
      expect(tree.readText('apps/admin/src/app.module.ts')).toContain("MigrationModule.forRoot({ directory: 'apps/admin/migrations' })");
      expect(JSON.parse(tree.readText('package.json')).scripts['migrate:upgrade']).toBe('nest start admin -- upgrade');
    });
  });

  describe('refusals: one line, and nothing written', () => {
    it('no main.ts', async () => {
      const tree = nestApp();
      tree.delete('src/main.ts');
      await expectRefused(
        'setup',
        {},
        tree,
        "Cannot find src/main.ts, the app's entry file; pass --source-root, or --project for an Nx or monorepo app",
      );
    });

    it('a main.ts that calls no NestFactory', async () => {
      await expectRefused(
        'setup',
        {},
        nestApp({ 'src/main.ts': 'console.log(1);\n' }),
        'Cannot change src/main.ts: it has no NestFactory.create(<root module>) call; make this change by hand (README, "In a Nest app")',
      );
    });

    it('a bootstrap function that is not async', async () => {
      const main = `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nfunction bootstrap() {\n  NestFactory.create(AppModule).then((app) => app.listen(3000));\n}\nbootstrap();\n`;
      await expectRefused(
        'setup',
        {},
        nestApp({ 'src/main.ts': main }),
        'Cannot change src/main.ts: the function that calls NestFactory is not async; add the CLI branch by hand (README, "In a Nest app")',
      );
    });

    it('imports that are not an array literal', async () => {
      const module = `import { Module } from '@nestjs/common';\nconst IMPORTS = [];\n@Module({ imports: IMPORTS })\nexport class AppModule {}\n`;
      await expectRefused(
        'setup',
        {},
        nestApp({ 'src/app.module.ts': module }),
        'Cannot change src/app.module.ts: the imports of AppModule are not an array literal; make this change by hand (README, "In a Nest app")',
      );
    });

    it('no build tsconfig', async () => {
      const tree = nestApp();
      tree.delete('tsconfig.build.json');
      await expectRefused(
        'setup',
        {},
        tree,
        'Cannot find tsconfig.build.json, the tsconfig the app is built with; create it, or pass --project for an Nx or monorepo app',
      );
    });

    it('an unknown project', async () => {
      await expectRefused(
        'setup',
        { project: 'nope' },
        nestApp(),
        "No project named 'nope' in this workspace (looked in nest-cli.json and every project.json); check the name, or pass --directory",
      );
    });
  });
});
