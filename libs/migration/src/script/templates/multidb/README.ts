// Named after the file `init --multidb` writes from it, so a reader finds the source of `README` here.
// Kept as a TypeScript string so that tsc ships it in dist and Jest loads it without a copy step.

/** The `README` that `init --multidb` writes into a new migrations directory. */
export const MULTIDB_README = `Migrations managed by nest-migrate (several databases, one history).

versions/        one file per revision, <rev>_<slug>.ts; commit them
script.ts.tmpl   the template new revision files are made from; edit it to change them

List the databases in MigrationModule.forRoot({ databases: ['default', 'analytics'] }), the
primary first. Every revision exports upgrade_<database> and downgrade_<database> for each of
them; each database records its own revisions in its own version table.

Make a revision with the 'revision' command and apply it with 'upgrade head'.
`;
