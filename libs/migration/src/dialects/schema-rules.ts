/**
 * How a database stores a schema and reports it back: what autogenerate needs to compare the
 * entities with the live schema, and to say what a change risks there.
 */
export interface SchemaRules {
  /** Tables and columns take comments (SQLite's do not). */
  readonly hasComments: boolean;
  /**
   * How an entity's enum column is made: a named enum type (PostgreSQL), an inline `enum(...)`
   * column type (MySQL), or a varchar limited by a check constraint (SQLite, as TypeORM does).
   */
  readonly enumStyle: 'type' | 'inline' | 'check';
  /** An index may have a WHERE condition (MySQL's may not: TypeORM creates it without one). */
  readonly hasPartialIndexes: boolean;
  /** A column may be `ON UPDATE <expression>` (MySQL's). */
  readonly hasOnUpdate: boolean;
  /** A unique constraint is a unique index: an entity's unique constraint and the database's unique index stand for each other (MySQL). */
  readonly uniqueConstraintsAreIndexes: boolean;
  /** The database gives each foreign key an index of its own, which no entity names (MySQL). */
  readonly indexesForeignKeys: boolean;
  /** ALTER re-states the whole column, so an alter always says whether the column is autoincrement (MySQL). */
  readonly restatesColumns: boolean;
  /** A type change with no assignment cast from the old type needs `USING` (PostgreSQL). */
  readonly castsWithUsing: boolean;
  /** A NOT NULL column added without a default fills existing rows with the type's implicit value (MySQL), instead of failing. */
  readonly fillsNewNotNullColumns: boolean;
  /** The fractional-second digits a temporal type keeps when it names none. */
  readonly defaultFractionalDigits: number;
  /** Two-phase commit across databases (PostgreSQL's PREPARE TRANSACTION). */
  readonly hasTwoPhaseCommit: boolean;
  /**
   * The portable name of a type as the catalog spells it (`character varying(50)` -> `varchar(50)`),
   * or the type in lower case when it has none.
   */
  normalizeType(rawType: string): string;
  /** A normalised type as the database reports it once created, where it stores it as another (MySQL's BOOLEAN is a TINYINT). */
  reportedType(normalized: string): string;
}
