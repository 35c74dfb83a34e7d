import { formatTemplateList } from './templates';

describe('formatTemplateList', () => {
  it("lists every built-in template with its description, in Alembic's shape", () => {
    expect(formatTemplateList()).toEqual([
      'Available templates:',
      '',
      'generic - One database.',
      'multidb - Several databases managed by one history (MigrationModule databases option).',
      '',
      "Templates are used via the 'init' command, e.g.:",
      '',
      '  init --template generic --directory migrations',
      '',
      'A directory holding a script.ts.tmpl (and any other files to copy) is a template too: init --template <path>',
    ]);
  });
});
