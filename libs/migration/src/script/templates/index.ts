import { GENERIC_README } from './generic/README';
import { GENERIC_SCRIPT_TEMPLATE } from './generic/script.ts.tmpl';
import { MULTIDB_README } from './multidb/README';
import { MULTIDB_SCRIPT_TEMPLATE } from './multidb/script.ts.tmpl';

/** The file in a migrations directory that new revision files are rendered from. */
export const SCRIPT_TEMPLATE_FILE = 'script.ts.tmpl';

/**
 * The built-in templates `init` knows by name: file name -> content, written into the new
 * migrations directory in this order. The one source for the CLI and the schematics.
 */
export const BUILT_IN_TEMPLATES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  generic: { README: GENERIC_README, [SCRIPT_TEMPLATE_FILE]: GENERIC_SCRIPT_TEMPLATE },
  multidb: { README: MULTIDB_README, [SCRIPT_TEMPLATE_FILE]: MULTIDB_SCRIPT_TEMPLATE },
};

/** What `list-templates` says of each built-in template. */
export const TEMPLATE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  generic: 'One database.',
  multidb: 'Several databases managed by one history (MigrationModule databases option).',
};

/** The revision template used when a migrations directory has no `script.ts.tmpl` of its own. */
export const DEFAULT_SCRIPT_TEMPLATE = GENERIC_SCRIPT_TEMPLATE;
