// What the CLI's commands are called, take and say about themselves: nest-commander's @Command
// and @Option decorators read it (cli/*.command.ts), and so does the help the fast path prints
// without loading Nest (help.ts). One table, so the two cannot say different things.

/** An option, as @Option and commander take it. */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
}

/** A command: what @Command takes, and its options in the order its help lists them. */
export interface CommandSpec {
  readonly meta: {
    readonly name: string;
    readonly arguments?: string;
    readonly description: string;
    readonly argsDescription?: Readonly<Record<string, string>>;
  };
  readonly options: readonly OptionSpec[];
}

export const OPTIONS = {
  multidb: { flags: '--multidb', description: 'several databases, one history (the multidb template)' },
  template: {
    flags: '-t, --template <name|path>',
    description: "template: 'generic', 'multidb' or a template directory (default: generic)",
  },
  directory: { flags: '-d, --directory <path>', description: "migrations directory (default: 'migrations')" },
  xArg: { flags: '-x, --x-arg <key=value>', description: 'argument for revisions and configure callbacks (repeatable)' },
  verbose: { flags: '-v, --verbose', description: 'more detail (Rev: blocks), and a stack trace when a command fails' },
  quiet: { flags: '-q, --quiet', description: 'do not print progress lines' },
  autogenerate: { flags: '--autogenerate', description: 'fill the revision from the differences between the entities and the database' },
  allowEmptyWithAutogenerate: { flags: '--allow-empty', description: 'with --autogenerate: write the revision even when nothing changed' },
  sqlRevision: {
    flags: '--sql',
    description: 'accepted as in Alembic: a revision is written without a connection anyway (not with --autogenerate)',
  },
  message: { flags: '-m, --message <message>', description: 'the revision message' },
  head: { flags: '--head <revision>', description: "the parent revision (default: head; 'base' for a new root)" },
  splice: { flags: '--splice', description: 'allow a --head that is not a head, creating a branch point' },
  branchLabel: { flags: '--branch-label <label>', description: 'branch label for the new revision' },
  versionPath: { flags: '--version-path <path>', description: 'version location to write the file in' },
  revId: { flags: '--rev-id <id>', description: 'revision id to use instead of a random one' },
  dependsOn: { flags: '--depends-on <revision>', description: 'revision or branch label this one depends on (repeatable)' },
  allowEmpty: { flags: '--allow-empty', description: 'write the revision even when nothing changed' },
  sqlMigrate: { flags: '--sql', description: 'not available: autogenerate must read the live database (refused, as in Alembic)' },
  allowMultipleHeads: { flags: '--allow-multiple-heads', description: 'do not fail on a history with several heads' },
  json: { flags: '--json', description: 'print JSON' },
  mergeBranchLabel: { flags: '--branch-label <label>', description: 'branch label for the merge revision' },
  sqlUpgrade: { flags: '--sql', description: 'print the SQL instead of running it (no database connection)' },
  tenants: { flags: '--tenants [names]', description: "run on each tenant on its own: 'all' (the default) or a comma-separated list" },
  concurrency: { flags: '--concurrency <n>', description: 'with --tenants, how many tenants at once (default: 4)' },
  tenantJson: { flags: '--json', description: 'with --tenants, print the report as JSON' },
  echoSql: { flags: '--echo-sql', description: 'print each statement as it runs (also with -v)' },
  tag: { flags: '--tag <tag>', description: 'arbitrary tag for configure callbacks' },
  sqlDowngrade: { flags: '--sql', description: 'print the SQL instead of running it; needs from:to' },
  sqlStamp: { flags: '--sql', description: 'print the SQL instead of running it' },
  purge: { flags: '--purge', description: 'delete every row of the version table first' },
  baseline: {
    flags: '--baseline',
    description: 'write one revision that creates the current schema, instead of one per TypeORM migration',
  },
  typeormTable: {
    flags: '--typeorm-table <name>',
    description: "TypeORM's migrations table (default: the DataSource's migrationsTableName, else 'migrations')",
  },
  typeormMigrations: {
    flags: '--typeorm-migrations <glob>',
    description: "TypeORM migration files (repeatable; default: the DataSource's migrations option)",
  },
  checkHeads: { flags: '--check-heads', description: 'exit 1 unless the database is on every head' },
  revRange: { flags: '-r, --rev-range <start:end>', description: 'revision range: start:end, start: or :end' },
  indicateCurrent: { flags: '-i, --indicate-current', description: "mark the database's current revisions (connects)" },
  graph: { flags: '--graph', description: 'draw the revisions as lanes, as git log --graph does' },
  format: { flags: '--format <format>', description: 'print the graph for docs: mermaid (a flowchart) or dot (a Graphviz digraph)' },
  resolveDependencies: { flags: '--resolve-dependencies', description: 'treat dependencies as down revisions' },
} as const satisfies Record<string, OptionSpec>;

// Each command class lists its own options first, then its base classes' (nest-commander reads
// the prototype chain from the class up): MigrationCommand, StepCommand, TenantStepCommand,
// NewRevisionCommand.
const SHARED = [OPTIONS.directory, OPTIONS.xArg, OPTIONS.verbose, OPTIONS.quiet];
const STEP = [OPTIONS.echoSql, OPTIONS.tag, ...SHARED];
const TENANT_STEP = [OPTIONS.tenants, OPTIONS.concurrency, OPTIONS.tenantJson, ...STEP];
const NEW_REVISION = [
  OPTIONS.message,
  OPTIONS.head,
  OPTIONS.splice,
  OPTIONS.branchLabel,
  OPTIONS.versionPath,
  OPTIONS.revId,
  OPTIONS.dependsOn,
  ...SHARED,
];

/** Every command, in the order the root help lists them (MigrationCliModule registers them so). */
export const COMMANDS = {
  init: {
    meta: { name: 'init', description: 'Create a new migrations directory' },
    options: [OPTIONS.multidb, OPTIONS.template, ...SHARED],
  },
  'list-templates': {
    meta: { name: 'list-templates', description: 'List the templates init can use' },
    options: SHARED,
  },
  revision: {
    meta: { name: 'revision', description: 'Create a new, empty revision file' },
    options: [OPTIONS.autogenerate, OPTIONS.allowEmptyWithAutogenerate, OPTIONS.sqlRevision, ...NEW_REVISION],
  },
  migrate: {
    meta: { name: 'migrate', description: 'Autogenerate a revision from the differences between the entities and the database' },
    options: [OPTIONS.allowEmpty, OPTIONS.sqlMigrate, ...NEW_REVISION],
  },
  check: {
    meta: { name: 'check', description: 'Check that the database matches the entities, and verify (exit 1 if not)' },
    options: [OPTIONS.allowMultipleHeads, ...SHARED],
  },
  verify: {
    meta: { name: 'verify', description: 'Check that applied revisions are unchanged since they ran, and one head (exit 1 if not)' },
    options: [OPTIONS.allowMultipleHeads, OPTIONS.json, ...SHARED],
  },
  merge: {
    meta: { name: 'merge', arguments: '[revisions...]', description: 'Merge heads into one revision (default: all heads)' },
    options: [OPTIONS.message, OPTIONS.mergeBranchLabel, OPTIONS.revId, ...SHARED],
  },
  edit: {
    meta: {
      name: 'edit',
      arguments: '<revision>',
      description: "Open a revision file in $VISUAL or $EDITOR ('current' for the database's)",
    },
    options: SHARED,
  },
  upgrade: {
    meta: {
      name: 'upgrade',
      arguments: '[revision]',
      description: 'Upgrade to a later revision (default: head)',
      argsDescription: { revision: 'target: head, heads, an id or prefix, label@head, +N, or from:to with --sql' },
    },
    options: [OPTIONS.sqlUpgrade, ...TENANT_STEP],
  },
  downgrade: {
    meta: {
      name: 'downgrade',
      arguments: '[revision]',
      description: 'Revert to a previous revision (default: -1)',
      argsDescription: { revision: 'target: -N, base, an id or prefix, label@-1, or from:to with --sql' },
    },
    options: [OPTIONS.sqlDowngrade, ...TENANT_STEP],
  },
  stamp: {
    meta: {
      name: 'stamp',
      arguments: '<revisions...>',
      description: 'Set the version table to the given revisions without running migrations',
    },
    options: [OPTIONS.sqlStamp, OPTIONS.purge, ...STEP],
  },
  'import-typeorm': {
    meta: {
      name: 'import-typeorm',
      description: "Write revisions from a TypeORM project's migrations and stamp the database where TypeORM left it",
    },
    options: [OPTIONS.baseline, OPTIONS.typeormTable, OPTIONS.typeormMigrations, ...SHARED],
  },
  squash: {
    meta: {
      name: 'squash',
      arguments: '<revision>',
      description: 'Replace a revision and everything below it with one baseline revision that creates the same schema',
    },
    options: SHARED,
  },
  current: {
    meta: { name: 'current', description: 'Show the current revision(s) of the database' },
    options: [OPTIONS.tenants, OPTIONS.concurrency, OPTIONS.checkHeads, OPTIONS.json, ...SHARED],
  },
  history: {
    meta: { name: 'history', description: 'List the revisions, newest first' },
    options: [OPTIONS.revRange, OPTIONS.indicateCurrent, OPTIONS.graph, OPTIONS.format, OPTIONS.json, ...SHARED],
  },
  heads: {
    meta: { name: 'heads', description: 'Show the heads of the history' },
    options: [OPTIONS.resolveDependencies, OPTIONS.json, ...SHARED],
  },
  branches: {
    meta: { name: 'branches', description: 'Show the branch points of the history' },
    options: [OPTIONS.json, ...SHARED],
  },
  show: {
    meta: { name: 'show', arguments: '[revision]', description: 'Show a revision (default: head)' },
    options: [OPTIONS.json, ...SHARED],
  },
} as const satisfies Record<string, CommandSpec>;
