import type { ProviderToken } from '../config/provider-token';

export type { ProviderToken, ResolveProvider } from '../config/provider-token';

/** A token as messages name it: `UsersService`, `'SEEDER'`, `Symbol(seeder)`. */
export function tokenName(token: ProviderToken): string {
  if (typeof token === 'function') return token.name || 'an anonymous class';
  return typeof token === 'string' ? `'${token}'` : token.toString();
}
