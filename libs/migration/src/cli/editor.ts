import { CommandError } from '../errors';

/**
 * The editor command to open a revision file with: `$VISUAL`, else `$EDITOR` (the Unix
 * convention; Alembic prefers `EDITOR` and then tries a list of common editors). The value
 * may hold arguments (`code --wait`), so the caller runs it through the shell with the file
 * as a separate argument, as git does.
 *
 * @param env the environment, usually `process.env`
 * @throws CommandError when neither is set
 */
export function editCommandFor(env: Readonly<Record<string, string | undefined>>): string {
  const editor = env.VISUAL?.trim() || env.EDITOR?.trim();
  if (!editor) throw new CommandError('No editor to open the revision file with; set $VISUAL or $EDITOR');
  return editor;
}
