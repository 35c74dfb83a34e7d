import { isAbsolute, relative } from 'node:path';

/** `node dist/main.js`: the script as the user can type it again from where they are; what usage lines show by default. */
export function startedAs(argv: readonly string[]): string {
  const script = argv[1] ?? 'main';
  const local = relative(process.cwd(), script);
  return `node ${local.startsWith('..') || isAbsolute(local) ? script : local}`;
}
