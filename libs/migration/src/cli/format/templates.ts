import { BUILT_IN_TEMPLATES, TEMPLATE_DESCRIPTIONS } from '../../script/templates';

/** `list-templates` (Alembic's shape): the built-in templates, and how to use one. */
export function formatTemplateList(): string[] {
  return [
    'Available templates:',
    '',
    ...Object.keys(BUILT_IN_TEMPLATES).map((name) => `${name} - ${TEMPLATE_DESCRIPTIONS[name]}`),
    '',
    "Templates are used via the 'init' command, e.g.:",
    '',
    '  init --template generic --directory migrations',
    '',
    'A directory holding a script.ts.tmpl (and any other files to copy) is a template too: init --template <path>',
  ];
}
