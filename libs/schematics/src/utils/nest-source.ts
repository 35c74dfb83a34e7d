import * as ts from 'typescript';

/** Text to insert at a position of the original source; edits never overlap. */
export interface Insertion {
  position: number;
  text: string;
}

/** Why a source file cannot be changed automatically: a sentence completing "cannot change <file>: ". */
export class SourceShapeError extends Error {}

/** What `main.ts` bootstraps: `NestFactory.create(AppModule)` and the function around it. */
export interface Bootstrap {
  /** The root module as written in the call: `AppModule`, or `AppModule.register(...)`. */
  rootModule: string;
  /** The root module's class: `AppModule`. */
  rootModuleClass?: string;
  /** The module specifier the class is imported from, such as `./app.module`. */
  rootModuleFrom?: string;
  /** The function whose body calls NestFactory, where the CLI branch goes. */
  body: ts.Block;
  isAsync: boolean;
}

export function parseSource(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Finds `NestFactory.create(...)` (or createApplicationContext, createMicroservice) in main.ts. */
export function findBootstrap(source: ts.SourceFile): Bootstrap {
  const call = find(source, (node): node is ts.CallExpression => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
    const { expression, name } = node.expression;
    return ts.isIdentifier(expression) && expression.text === 'NestFactory' && name.text.startsWith('create');
  });
  if (call === undefined || call.arguments.length === 0) throw new SourceShapeError('it has no NestFactory.create(<root module>) call');
  const argument = call.arguments[0];
  let owner: ts.Node | undefined = call.parent;
  while (owner !== undefined && !(isFunctionLike(owner) && owner.body !== undefined && ts.isBlock(owner.body))) owner = owner.parent;
  if (owner === undefined) throw new SourceShapeError('NestFactory.create is not called inside a function');
  const fn = owner as FunctionWithBlock;
  const isAsync = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
  const rootModuleClass = classOf(argument);
  return {
    rootModule: argument.getText(source),
    rootModuleClass,
    rootModuleFrom: rootModuleClass === undefined ? undefined : importSpecifierOf(source, rootModuleClass),
    body: fn.body,
    isAsync,
  };
}

/** `AppModule` in `AppModule` and in `AppModule.register({ ... })`. */
function classOf(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression))
    return classOf(expression.expression.expression);
  return undefined;
}

type FunctionWithBlock = ts.FunctionLikeDeclaration & { body: ts.Block };

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

/** The module a name is imported from (`import { AppModule } from './app.module'`). */
function importSpecifierOf(source: ts.SourceFile, name: string): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    const named = bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.some((element) => element.name.text === name);
    if (named || statement.importClause?.name?.text === name) return statement.moduleSpecifier.text;
  }
  return undefined;
}

/** Whether the file imports `name` from `from`. */
export function importsName(source: ts.SourceFile, name: string, from: string): boolean {
  return importSpecifierOf(source, name) === from;
}

/**
 * Adds `name` to an existing `import { ... } from 'from'`, or a new import line after the last
 * import; nothing when the file imports it already.
 */
export function addNamedImport(source: ts.SourceFile, name: string, from: string): Insertion[] {
  if (importsName(source, name, from)) return [];
  const imports = source.statements.filter(ts.isImportDeclaration);
  const existing = imports.find(
    (statement) =>
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text === from &&
      !statement.importClause?.isTypeOnly &&
      statement.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(statement.importClause.namedBindings),
  );
  if (existing !== undefined) {
    const elements = (existing.importClause!.namedBindings as ts.NamedImports).elements;
    const last = elements[elements.length - 1];
    return last === undefined ? [] : [{ position: last.getEnd(), text: `, ${name}` }];
  }
  const quote = quoteOf(source);
  const line = `import { ${name} } from ${quote}${from}${quote};`;
  const after = imports[imports.length - 1];
  return after === undefined ? [{ position: 0, text: `${line}\n` }] : [{ position: after.getEnd(), text: `\n${line}` }];
}

/** The quote the file's imports use, so an added line looks like its neighbours. */
function quoteOf(source: ts.SourceFile): string {
  const first = source.statements.find(ts.isImportDeclaration)?.moduleSpecifier.getText(source);
  return first?.startsWith('"') ? '"' : "'";
}

/**
 * Adds `element` to the `imports` of the `@Module({...})` decorating `className`.
 * @returns no insertion when the module already imports something that starts with `alreadyIf`
 */
export function addToModuleImports(source: ts.SourceFile, className: string, element: string, alreadyIf: string): Insertion[] {
  const declaration = source.statements.find(
    (statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === className,
  );
  if (declaration === undefined) throw new SourceShapeError(`it declares no class ${className}`);
  const decorator = ts
    .getDecorators(declaration)
    ?.find((candidate) => ts.isCallExpression(candidate.expression) && candidate.expression.expression.getText(source) === 'Module');
  if (decorator === undefined) throw new SourceShapeError(`class ${className} has no @Module() decorator`);
  const call = decorator.expression as ts.CallExpression;
  const metadata = call.arguments[0];
  if (metadata === undefined) {
    return [{ position: call.arguments.pos, text: `{ imports: [${element}] }` }];
  }
  if (!ts.isObjectLiteralExpression(metadata)) throw new SourceShapeError(`the @Module() of ${className} does not take an object literal`);
  const imports = metadata.properties.find(
    (property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && property.name.getText(source) === 'imports',
  );
  if (imports === undefined) {
    const first = metadata.properties[0];
    if (first === undefined) return [{ position: metadata.getStart(source) + 1, text: ` imports: [${element}] ` }];
    const separator = spansLines(source, metadata) ? `,\n${indentationOf(source, first)}` : ', ';
    return [{ position: first.getStart(source), text: `imports: [${element}]${separator}` }];
  }
  if (!ts.isArrayLiteralExpression(imports.initializer)) {
    throw new SourceShapeError(`the imports of ${className} are not an array literal`);
  }
  const list = imports.initializer;
  if (list.elements.some((existing) => existing.getText(source).startsWith(alreadyIf))) return [];
  const last = list.elements[list.elements.length - 1];
  if (last === undefined) return [{ position: list.getStart(source) + 1, text: element }];
  if (!spansLines(source, list)) return [{ position: last.getEnd(), text: `, ${element}` }];
  const indent = indentationOf(source, last) ?? '    ';
  // After the last element and its trailing comma, if it has one.
  const trailingComma = list.elements.hasTrailingComma;
  return [
    {
      position: trailingComma ? list.elements.end : last.getEnd(),
      text: `${trailingComma ? '' : ','}\n${indent}${element}${trailingComma ? ',' : ''}`,
    },
  ];
}

/** Inserts statements at the start of a function body, indented like its first statement. */
export function prependToBody(source: ts.SourceFile, body: ts.Block, lines: string[]): Insertion[] {
  const indent = indentationOf(source, body.statements[0]) ?? `${indentationOf(source, body) ?? ''}  `;
  return [{ position: body.getStart(source) + 1, text: `\n${lines.map((line) => (line === '' ? '' : `${indent}${line}`)).join('\n')}` }];
}

/** Whether an identifier of that name appears anywhere in the file. */
export function mentions(source: ts.SourceFile, name: string): boolean {
  return find(source, (node): node is ts.Identifier => ts.isIdentifier(node) && node.text === name) !== undefined;
}

/** The source with the insertions made, last first so earlier positions stay valid. */
export function applyInsertions(text: string, insertions: Insertion[]): string {
  return [...insertions]
    .sort((a, b) => b.position - a.position)
    .reduce((result, { position, text: inserted }) => result.slice(0, position) + inserted + result.slice(position), text);
}

function spansLines(source: ts.SourceFile, node: ts.Node): boolean {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line !== source.getLineAndCharacterOfPosition(node.getEnd()).line;
}

function indentationOf(source: ts.SourceFile, node: ts.Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  const lineText = source.text.slice(source.getPositionOfLineAndCharacter(line, 0), node.getStart(source));
  return /^\s*$/.test(lineText) ? lineText : /^\s*/.exec(lineText)?.[0];
}

function find<T extends ts.Node>(root: ts.Node, predicate: (node: ts.Node) => node is T): T | undefined {
  let found: T | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    if (predicate(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}
