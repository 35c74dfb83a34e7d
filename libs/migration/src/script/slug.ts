/** Alembic's `_slug_re = re.compile(r"\w+")`: Python's `\w` on text is letters, digits and `_`. */
const SLUG_WORD = /[\p{L}\p{N}_]+/gu;

/** Alembic's default `truncate_slug_length`. */
export const DEFAULT_TRUNCATE_SLUG_LENGTH = 40;

/**
 * The slug of a revision file name, as Alembic's `_rev_path` makes it: the message's words
 * joined by `_` and lower-cased; longer than `truncateLength` characters, it is cut there,
 * back to the last `_`, and ends in `_`.
 *
 * @param message the revision message; none gives ''
 * @param truncateLength the longest slug kept whole (Alembic: `truncate_slug_length`, 40)
 */
export function slugify(message: string | null | undefined, truncateLength = DEFAULT_TRUNCATE_SLUG_LENGTH): string {
  const slug = (message ?? '').match(SLUG_WORD)?.join('_').toLowerCase() ?? '';
  // Python counts code points, not UTF-16 units.
  const chars = Array.from(slug);
  if (chars.length <= truncateLength) return slug;
  const cut = chars.slice(0, truncateLength).join('');
  const underscore = cut.lastIndexOf('_');
  return `${underscore < 0 ? cut : cut.slice(0, underscore)}_`;
}
