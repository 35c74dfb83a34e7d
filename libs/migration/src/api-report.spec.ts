import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README's API section and the committed api-extractor reports (etc/*.api.md) name the
// same exports: the reports are what the build exports (npm run api:check), the README what
// users read.
describe("the README's API section", () => {
  const reportNames = (file: string) =>
    [
      ...readFileSync(join(__dirname, '../etc', file), 'utf8').matchAll(
        /^export (?:declare )?(?:abstract )?(?:class|function|const|type|interface|enum|let) (\w+)/gm,
      ),
    ]
      .map((match) => match[1])
      .sort();

  /** Each `- **group:** `a`, `b`.` bullet of the section, continuation lines joined. */
  function readmeGroups(): Map<string, string[]> {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## API\n'), readme.indexOf('\n## ', readme.indexOf('\n## API\n') + 1));
    const bullets = section.split('\n- **').slice(1);
    return new Map(
      bullets.map((bullet) => {
        const [title, list] = bullet.split(':**');
        return [title, [...list.matchAll(/`(\w+)`/g)].map((match) => match[1])];
      }),
    );
  }

  it('lists every export of the main entry once, and nothing else', () => {
    const listed = [...readmeGroups().values()].flat();
    expect(listed.length).toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual(reportNames('migration.api.md'));
  });

  it('its Nest group is what the main entry has beyond the core entry', () => {
    const core = new Set(reportNames('migration-core.api.md'));
    expect(readmeGroups().get('Nest (the main entry only)')!.sort()).toEqual(
      reportNames('migration.api.md').filter((name) => !core.has(name)),
    );
  });
});
