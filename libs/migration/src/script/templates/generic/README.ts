// Named after the file `init` writes from it, so a reader finds the source of `README` here.
// Kept as a TypeScript string so that tsc ships it in dist and Jest loads it without a copy step.

/** The `README` that `init` writes into a new migrations directory. */
export const GENERIC_README = `Migrations managed by nest-migrate (one database).

versions/        one file per revision, <rev>_<slug>.ts; commit them
script.ts.tmpl   the template new revision files are made from; edit it to change them

Make a revision with the 'revision' command and apply it with 'upgrade head'.
`;
