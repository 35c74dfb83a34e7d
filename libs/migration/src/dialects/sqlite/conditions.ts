import type { ConditionSyntax } from '../../operations/check-conditions';

/** SQLite keeps a check's text as written, and reads `[name]` as a name. */
export const SQLITE_CONDITIONS: ConditionSyntax = { quoting: {}, rewritesLikeMariaDb: false };
