import { posix } from 'node:path';
import type { FileSystem } from './file-system';

const MAGIC = /[*?{[]/;

/**
 * The files a glob names, sorted, as TypeORM's `migrations: ['dist/migrations/*.js']` option
 * means them: `*` and `?` within one path segment, `**` across any number of segments, `{a,b}`
 * alternatives and `[...]` classes. Only the part after the last plain directory is walked, so
 * `src/migrations/*.ts` reads one directory. Directories that do not exist give no files.
 * @param fs where to look
 * @param pattern a POSIX-style glob, relative to the working directory or absolute
 */
export function expandGlob(fs: FileSystem, pattern: string): string[] {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((s) => MAGIC.test(s));
  if (firstMagic === -1) return fs.exists(pattern) && !fs.isDirectory(pattern) ? [pattern] : [];
  const base = segments.slice(0, firstMagic).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const matcher = globRegExp(segments.slice(firstMagic).join('/'));
  const found: string[] = [];
  const walk = (dir: string, relative: string): void => {
    if (!fs.isDirectory(dir)) return;
    for (const name of fs.readDir(dir)) {
      const path = posix.join(dir, name);
      const rel = relative === '' ? name : `${relative}/${name}`;
      if (fs.isDirectory(path)) walk(path, rel);
      else if (matcher.test(rel)) found.push(posix.join(base, rel));
    }
  };
  walk(base, '');
  return found.sort();
}

/** A glob's path segments as one anchored regular expression. */
function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches no segment or several; a trailing `**` anything below.
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) source += '\\{';
      else {
        source += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((alt) => globRegExp(alt).source.slice(1, -1))
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end === -1) source += '\\[';
      else {
        source += `[${glob.slice(i + 1, end).replace(/^!/, '^')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
