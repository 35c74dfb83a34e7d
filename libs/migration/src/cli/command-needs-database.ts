// The commands that read nothing but the migrations directory, unless given one of the options
// or arguments below that reach the database.
const DIRECTORY_ONLY = new Set(['history', 'heads', 'branches', 'show', 'init', 'list-templates', 'revision', 'merge', 'edit']);

// `-i` alone or in a cluster (`-vi`); a cluster with a value attached (`-dmigrations`) may match
// too, which only costs the command TypeORM's start-up.
const INDICATE_CURRENT = /^(--indicate-current|-[a-zA-Z]*i[a-zA-Z]*)$/;

// A history range with `current` at either end (`-r current:`, `--rev-range=:current`, `-rcurrent:heads`).
const CURRENT_IN_RANGE = /(^|[=:]|^-r)current(:|$)/;

/**
 * Whether the migration command in `argv` needs the app's database: to connect (`upgrade`,
 * `current`, `check`, `history -i`, `history -r current:`, `show current`, `edit current` ...),
 * to learn the dialect from its DataSource (`--sql`), or to read the entities (`migrate`, `revision --autogenerate`). False only for the
 * commands known to read nothing but the migrations directory, so an app can leave TypeORM, its
 * entities and the driver out of the module it gives `runMigrationCli` for them. Anything else
 * (an app's own command, help, an unknown verb) answers true.
 * @param argv the full argument vector, `process.argv` by default
 */
export function commandNeedsDatabase(argv: readonly string[] = process.argv): boolean {
  const [verb, ...rest] = argv.slice(2);
  if (!DIRECTORY_ONLY.has(verb)) return true;
  if (verb === 'history') return rest.some((arg) => INDICATE_CURRENT.test(arg) || CURRENT_IN_RANGE.test(arg));
  if (verb === 'revision') return rest.includes('--autogenerate');
  if (verb === 'edit' || verb === 'show') return rest.includes('current');
  return false;
}
