/**
 * A name TypeORM's DefaultNamingStrategy made (`IDX_` and 26 hex digits of a SHA-1, `UQ_`,
 * `FK_`, `PK_`, `CHK_`, `REL_`, `CHK_..._ENUM`): a database `synchronize` or TypeORM's
 * migrations built. Such an index or check stands for an entity's whose name the naming
 * convention made, when their definitions agree, so taking such a database over renames nothing.
 */
export function isTypeormName(name: string | undefined): boolean {
  return name !== undefined && /^(PK|UQ|FK|IDX|REL|CHK)_[0-9a-f]{26,27}(_ENUM)?$/.test(name);
}
