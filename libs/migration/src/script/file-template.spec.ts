import { CommandError } from '../errors';
import { DEFAULT_FILE_TEMPLATE, fileTemplateTokens, renderFileTemplate } from './file-template';

const tokens = fileTemplateTokens('ab12', 'add_users', new Date(2026, 0, 5, 7, 8, 9));

describe('renderFileTemplate (Python % formatting of file_template)', () => {
  it.each([
    [DEFAULT_FILE_TEMPLATE, 'ab12_add_users'],
    ['%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s', '2026_01_05_0708-ab12_add_users'],
    ['%(second)02d|%(day)3d|%(day)-3d|%(rev).2s|100%%', '09|  5|5  |ab|100%'],
    ['%(month)s', '1'],
  ])('%s -> %s', (template, name) => {
    expect(renderFileTemplate(template, tokens)).toBe(name);
  });

  it('renders the epoch in whole seconds', () => {
    const date = new Date(1_700_000_000_900);
    expect(renderFileTemplate('%(epoch)s', fileTemplateTokens('x', '', date))).toBe('1700000000');
  });

  it.each([
    [
      '%(nope)s',
      "Invalid file template '%(nope)s': it names 'nope', which is none of rev, slug, epoch, year, month, day, hour, minute, second",
    ],
    ['%(rev)d', "Invalid file template '%(rev)d': %(rev)d needs a number; write %(rev)s"],
    ['%(rev)x', "Invalid file template '%(rev)x': conversion '%x' is not supported; use s or d"],
    ['%s', "Invalid file template '%s': '%s' is not a %(name)s format"],
    ['50%', "Invalid file template '50%': '%' is not a %(name)s format"],
  ])('refuses %s', (template, message) => {
    expect(() => renderFileTemplate(template, tokens)).toThrow(new CommandError(message));
  });
});
