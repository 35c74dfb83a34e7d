import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { MigrationConfigure } from '../nest/migration-configure.decorator';
import { MIGRATION_MODULE_OPTIONS } from '../nest/migration.module-definition';
import type { MigrationModuleOptions } from '../nest/migration-module-options.interface';

type ModuleEntry = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * The `MigrationModule.forRoot` options of an app, read from its module tree without building
 * the app, when a graph command would see the same configuration as the full CLI: one
 * `forRoot` (not `forRootAsync`, whose factory needs the app), no `configure` callbacks and no
 * `@MigrationConfigure()` provider (both may change the configuration), and the database the
 * `Migrate` service resolves before any command (a `{ url }` or a DataSource instance, or a
 * TypeORM DataSource the tree registers). Undefined otherwise, or when the tree holds what
 * only Nest can resolve (an import given as a promise or a forward reference).
 * @param root the module given to `runMigrationCli`
 */
export function staticMigrationOptions(root: Type<unknown> | DynamicModule): MigrationModuleOptions | undefined {
  const tree = walk(root);
  if (tree === undefined || tree.options.length !== 1 || tree.configureProviders || tree.asyncOptions) return undefined;
  const [options] = tree.options;
  if ((options.configure ?? []).length > 0 || (options.dataSource !== undefined && options.databases !== undefined)) return undefined;
  if (typeof options.dataSource === 'object') return options;
  const names = options.databases ?? [options.dataSource];
  return names.every((name) => tree.tokens.has(dataSourceToken(name))) ? options : undefined;
}

interface Tree {
  options: MigrationModuleOptions[];
  /** forRootAsync's options come from a factory (or a class) that only the app can run. */
  asyncOptions: boolean;
  configureProviders: boolean;
  tokens: Set<unknown>;
}

function walk(root: Type<unknown> | DynamicModule): Tree | undefined {
  const tree: Tree = { options: [], asyncOptions: false, configureProviders: false, tokens: new Set() };
  const seen = new Set<unknown>();
  const pending: ModuleEntry[] = [root];
  while (pending.length > 0) {
    const entry = pending.pop();
    if (entry === undefined || seen.has(entry)) continue;
    seen.add(entry);
    if (entry instanceof Promise || 'forwardRef' in entry) return undefined;
    const type = typeof entry === 'function' ? entry : entry.module;
    const dynamic: Partial<DynamicModule> = typeof entry === 'function' ? {} : entry;
    pending.push(...metadata<ModuleEntry>(MODULE_METADATA.IMPORTS, type), ...(dynamic.imports ?? []));
    for (const provider of [...metadata<Provider>(MODULE_METADATA.PROVIDERS, type), ...(dynamic.providers ?? [])]) {
      readProvider(tree, provider);
    }
  }
  return tree;
}

function readProvider(tree: Tree, provider: Provider): void {
  if (typeof provider === 'function') {
    tree.tokens.add(provider);
    if (hasConfigureMethod(provider)) tree.configureProviders = true;
    return;
  }
  tree.tokens.add(provider.provide);
  if (provider.provide === MIGRATION_MODULE_OPTIONS) {
    if ('useValue' in provider) tree.options.push(provider.useValue as MigrationModuleOptions);
    else tree.asyncOptions = true;
  }
  // The Migrate service looks for callbacks on class providers only (Nest's isNotMetatype).
  if ('useClass' in provider && hasConfigureMethod(provider.useClass)) tree.configureProviders = true;
}

function metadata<T>(key: string, type: Type<unknown>): T[] {
  return (Reflect.getMetadata(key, type) as T[] | undefined) ?? [];
}

/** Whether a method of the class, or of a class it extends, is marked `@MigrationConfigure()`. */
function hasConfigureMethod(type: Type<unknown>): boolean {
  for (let proto = type.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof method === 'function' && Reflect.getMetadata(MigrationConfigure.KEY, method) !== undefined) return true;
    }
  }
  return false;
}

/**
 * The token `@nestjs/typeorm` registers a DataSource under. Loaded only for an app whose tree
 * names its database by TypeORM name, which has loaded @nestjs/typeorm already.
 */
function dataSourceToken(name: string | undefined): unknown {
  return (require('@nestjs/typeorm') as typeof import('@nestjs/typeorm')).getDataSourceToken(name);
}
