import {
  docCommentText,
  formatCreateDate,
  functionBody,
  hasDatabaseBlock,
  idsLiteral,
  renderDatabaseBlock,
  renderTemplate,
  stringLiteral,
} from './template-renderer';

describe('renderTemplate', () => {
  it('fills known placeholders and leaves others alone', () => {
    expect(renderTemplate('a ${x} `${y}` ${x}', { x: '1' })).toBe('a 1 `${y}` 1');
  });

  it('drops the spaces before a placeholder that renders empty at a line end only', () => {
    expect(renderTemplate(' * Revises: ${r}\nnext ${r} x', { r: '' })).toBe(' * Revises:\nnext  x');
    expect(renderTemplate('end ${r}', { r: '' })).toBe('end');
  });
});

describe('literals', () => {
  it('renders none, one and several ids', () => {
    expect(idsLiteral([])).toBe('null');
    expect(idsLiteral(['ab'])).toBe("'ab'");
    expect(idsLiteral(['a', 'b'])).toBe("['a', 'b']");
  });

  it('escapes quotes, backslashes and line breaks', () => {
    expect(stringLiteral("it's a\\b\nc")).toBe("'it\\'s a\\\\b\\nc'");
  });
});

describe('docCommentText', () => {
  it('continues further lines with " * " and cannot close the comment', () => {
    expect(docCommentText('Title */ here\n\nmore  ')).toBe('Title *\\/ here\n *\n * more');
  });
});

describe('functionBody', () => {
  it('is {} when blank, and re-indents statements by two spaces', () => {
    expect(functionBody(undefined)).toBe('{}');
    expect(functionBody('  \n')).toBe('{}');
    expect(functionBody('\n    a();\n      b();\n\n    c();\n')).toBe('{\n  a();\n    b();\n\n  c();\n}');
  });
});

describe('formatCreateDate', () => {
  it('prints local time with six fractional digits', () => {
    expect(formatCreateDate(new Date(2026, 10, 25, 9, 5, 7, 123))).toBe('2026-11-25 09:05:07.123000');
  });
});

describe('renderDatabaseBlock', () => {
  const template = 'head ${x}\n${each database}\nfn_${database} ${upgradeBody}\n${end}\ntail\n';

  it('repeats the lines between ${each database} and ${end} per database, with its values', () => {
    const rendered = renderDatabaseBlock(template, [
      { database: 'a', upgradeBody: '{ 1 }' },
      { database: 'b', upgradeBody: '{}' },
    ]);
    expect(rendered).toBe('head ${x}\nfn_a { 1 }\nfn_b {}\ntail\n');
    expect(hasDatabaseBlock(template)).toBe(true);
    expect(hasDatabaseBlock('head ${database}\n')).toBe(false);
  });
});
