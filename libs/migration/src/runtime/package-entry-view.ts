import { PACKAGE } from '../package-info';

/**
 * What a `.ts` revision's `import { … } from '@nest-migrate/migration'` gets while nothing has
 * loaded that entry yet: the core entry's exports, with the full entry (the Nest module and the
 * CLI, which load @nestjs/common and friends) loaded only when the revision reads a name the
 * core does not export, or lists every name (`export *`). Revisions use the core's helpers and
 * types, so a deploy script calling the core's `upgrade()`, or `upgrade --sql`, does not pay for
 * Nest. Both entries are resolved from the revision's own directory, so the values are the ones
 * the full entry would give: it re-exports the same core modules.
 * @param nodeRequire Node's `require` at the revision's path
 * @returns the module a revision sees for the package's main entry
 */
export function packageEntryFor(nodeRequire: NodeJS.Require): unknown {
  const entry = nodeRequire.resolve(PACKAGE.name);
  const loaded = nodeRequire.cache[entry];
  if (loaded) return loaded.exports;
  const core = nodeRequire(`${PACKAGE.name}/core`) as Record<PropertyKey, unknown>;
  const full = () => nodeRequire(PACKAGE.name) as Record<PropertyKey, unknown>;
  return new Proxy(core, {
    get: (target, name) => (name in target ? target[name] : full()[name]),
    has: (target, name) => name in target || name in full(),
    ownKeys: () => Reflect.ownKeys(full()),
    getOwnPropertyDescriptor: (target, name) => Reflect.getOwnPropertyDescriptor(name in target ? target : full(), name),
  });
}
