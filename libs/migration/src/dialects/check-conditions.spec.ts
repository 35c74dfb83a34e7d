import type { Dialect } from '../operations/migration-ops';
import { checkConditionChanged } from '../operations/check-conditions';
import { dialectFor } from './registry';

// [as the database returns it, as the entity declares it]. The database texts are what
// PostgreSQL 15's pg_get_constraintdef(oid, true) and MariaDB 10.11's CHECK_CONSTRAINTS returned
// for the entity's text; the one with charset introducers has the shape MySQL 8 returns.
const SAME: Record<Dialect, [string, string][]> = {
  postgres: [
    ['price > 0::numeric', 'price > 0'],
    ['qty >= 1 AND qty <= 100', '"qty" >= 1 AND "qty" <= 100'],
    ["status::text = ANY (ARRAY['open'::character varying, 'closed'::character varying]::text[])", "status IN ('open', 'closed')"],
    ["status::text <> ALL (ARRAY['x'::character varying, 'y'::character varying]::text[])", "status NOT IN ('x', 'y')"],
    ['qty = ANY (ARRAY[1, 2, 3])', 'qty IN (1, 2, 3)'],
    ["status::text = 'open'::text", "status IN ('open')"],
    ["status::text <> 'open'::text", "status NOT IN ('open')"],
    ["code::text <> 'it''s'::text", "code <> 'it''s'"],
    ["code::text ~~ 'A%'::text", "code LIKE 'A%'"],
    ["code::text !~~ 'A%'::text", "code NOT LIKE 'A%'"],
    ["code::text ~~* 'a%'::text", "code ILIKE 'a%'"],
    ['qty >= 1 AND qty <= 5', 'qty BETWEEN 1 AND 5'],
    ['qty < 1 OR qty > 5', 'qty NOT BETWEEN 1 AND 5'],
    ['qty >= 1 AND qty <= 5 AND price > 0::numeric', 'qty BETWEEN 1 AND 5 AND price > 0'],
    ["qty > '-1'::integer", 'qty > -1'],
    ["price >= '1000'::numeric", 'price >= 1e3'],
    ["qty > '2147483648'::bigint", 'qty > 2147483648'],
    ['(price * 2::numeric) < 1000.00', 'price * 2 < 1000.00'],
    ['(qty + 1)::numeric > price', 'qty + 1 > price'],
    ['length(code::text) > 2', 'length(code) > 2'],
    ['COALESCE(qty, 0) > 1', 'coalesce(qty, 0) > 1'],
    ['code IS NOT NULL OR qty <> 3', 'code IS NOT NULL OR qty != 3'],
    ['NOT qty > 1', 'NOT (qty > 1)'],
    ["(qty > 1 OR qty < 0) AND code::text <> ''::text", "(qty > 1 OR qty < 0) AND code <> ''"],
    [
      "(status::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])) AND code::text = 'c'::text",
      "status IN ('a', 'b') AND code IN ('c')",
    ],
    ["created_at > '2020-01-01 00:00:00'::timestamp without time zone", "created_at > '2020-01-01 00:00:00'"],
    ['"Price" > 0::numeric', '"Price" > 0'],
  ],
  mysql: [
    ['`price` > 0', 'price > 0'],
    ['`qty` >= 1 and `qty` <= 100', 'qty >= 1 AND qty <= 100'],
    ["`status` in ('open','closed')", "status IN ('open', 'closed')"],
    ["(`status` in (_utf8mb4'open',_utf8mb4'closed'))", "status IN ('open', 'closed')"],
    ["`status` not in ('x','y')", "status NOT IN ('x', 'y')"],
    ["`status` = 'open'", "status IN ('open')"],
    ["`code` <> 'it\\'s'", "code <> 'it''s'"],
    ["`code`  not like 'A%'", "code NOT LIKE 'A%'"],
    ['`qty` between 1 and 5', 'qty BETWEEN 1 AND 5'],
    ['`qty` > -1', 'qty > -1'],
    ['octet_length(`code`) > 2', 'length(code) > 2'],
    ["lcase(`code`) = 'a'", "lower(code) = 'a'"],
    ['`flag` = 1', 'flag = true'],
    ['`qty` MOD 2 = 0', 'qty % 2 = 0'],
    ['`price` >= 1e3', 'price >= 1000'],
    // MariaDB rewrites the logic itself; never reported.
    ['`qty` <= 1', 'NOT (qty > 1)'],
    ['`qty` <> 1 and `qty` <> 2', 'NOT (qty = 1 OR qty = 2)'],
    ['`flag` <> 0 and `qty` > 1', 'flag AND qty > 1'],
    ['`qty` <> 1 and `flag` = 0', 'qty <> 1 AND NOT flag'],
    ['`code` is not null', 'NOT (code IS NULL)'],
  ],
  sqlite: [
    ['price > 0', 'price > 0'],
    ['"price" > 0', 'price > 0'],
    ['[price] > 0', '`price` > 0'],
    ["status IN ('open', 'closed')", "status in ('open','closed')"],
    ["code <> 'it''s'", "code <> 'it''s'"],
  ],
};

const CHANGED: Record<Dialect, [string, string][]> = {
  postgres: [
    ['price > 0::numeric', 'price >= 0'],
    ['price > 0::numeric', 'price > 10'],
    ['price > 0::numeric', 'amount > 0'],
    ["status::text = ANY (ARRAY['open'::character varying, 'closed'::character varying]::text[])", "status IN ('open', 'closed', 'paid')"],
    ["status::text = ANY (ARRAY['open'::character varying, 'closed'::character varying]::text[])", "status NOT IN ('open', 'closed')"],
    ["code::text ~~ 'A%'::text", "code LIKE 'B%'"],
    ["code::text ~~ 'A%'::text", "code NOT LIKE 'A%'"],
    ['qty >= 1 AND qty <= 5', 'qty BETWEEN 1 AND 6'],
    ["qty > '-1'::integer", 'qty > -2'],
    ['qty >= 1 AND qty <= 100', 'qty >= 1 OR qty <= 100'],
    // A function: the literal changed.
    ['length(code::text) > 2', 'length(code) > 3'],
    ["code::text <> 'it''s'::text", "code <> 'It''s'"],
  ],
  mysql: [
    ['`price` > 0', 'price >= 0'],
    ["`status` in ('open','closed')", "status IN ('open')"],
    ['`flag` = 1', 'flag = false'],
    ['octet_length(`code`) > 2', 'length(code) > 3'],
  ],
  sqlite: [
    ['price > 0', 'price > 1'],
    ["status IN ('open', 'closed')", "status IN ('open')"],
  ],
};

// Real changes that cannot be told from a database's rewriting, so they are not reported.
const UNSURE: Record<Dialect, [string, string][]> = {
  postgres: [
    // A function swapped for another over the same column and literal.
    ["lower(code::text) = 'a'::text", "upper(code) = 'a'"],
    // Grouping is not compared: databases add and drop parentheses.
    ['(a OR b) AND c', 'a OR (b AND c)'],
  ],
  mysql: [['`qty` <= 1', 'NOT (qty > 2)']],
  sqlite: [['(a OR b) AND c', 'a OR (b AND c)']],
};

describe('checkConditionChanged', () => {
  for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
    describe(dialect, () => {
      it.each(SAME[dialect])('%s is the same as %s', (database, metadata) => {
        expect(checkConditionChanged(dialectFor(dialect).checkConditions, database, metadata)).toBe(false);
      });
      it.each(CHANGED[dialect])('%s changed to %s', (database, metadata) => {
        expect(checkConditionChanged(dialectFor(dialect).checkConditions, database, metadata)).toBe(true);
      });
      it.each(UNSURE[dialect])('%s to %s is not reported', (database, metadata) => {
        expect(checkConditionChanged(dialectFor(dialect).checkConditions, database, metadata)).toBe(false);
      });
    });
  }
});
