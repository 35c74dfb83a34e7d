/** A Nest provider as a revision names it for `op.get`: its class, or a string or symbol token. */
export type ProviderToken<T = unknown> = (abstract new (...args: never[]) => T) | string | symbol;

/**
 * The port through which `op.get` reaches the application's providers. The core knows nothing of
 * Nest: the Nest adapter passes its `ModuleRef` lookup here, and a run without one has none.
 */
export type ResolveProvider = (token: ProviderToken) => unknown;
