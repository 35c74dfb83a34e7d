import { PACKAGE } from '../package-info';

/** What `--version` prints. */
export const VERSION_LINE = `${PACKAGE.name} ${PACKAGE.version}`;

/** How `--version` is spelled and described in help. */
export const VERSION_FLAGS = ['--version', 'show the version and exit'] as const;
