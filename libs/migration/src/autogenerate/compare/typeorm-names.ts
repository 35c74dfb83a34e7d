/**
 * A name TypeORM's DefaultNamingStrategy made (`IDX_` and 26 hex digits of a SHA-1, `UQ_`,
 * `FK_`, `PK_`, `CHK_`, `REL_`, `CHK_..._ENUM`), as in a database `synchronize` or TypeORM's
 * migrations built.
 */
export function isTypeormName(name: string | undefined): boolean {
  return name !== undefined && /^(PK|UQ|FK|IDX|REL|CHK)_[0-9a-f]{26,27}(_ENUM)?$/.test(name);
}

/**
 * Whether the database's index or check named `databaseName` may stand for the entity's
 * `element` when their definitions agree, so taking over a database TypeORM built renames
 * nothing: it has the name TypeORM gives that element (a hash, or a name the entity gives, which
 * TypeORM keeps as written where our convention may prefix it), or the convention named the
 * element and the database's name is any TypeORM-made one (or none, as SQLite's checks).
 */
export function standsFor(
  databaseName: string | undefined,
  element: { readonly generatedName?: boolean; readonly typeormName?: string },
): boolean {
  if (databaseName !== undefined && databaseName === element.typeormName) return true;
  return element.generatedName === true && (databaseName === undefined || isTypeormName(databaseName));
}
