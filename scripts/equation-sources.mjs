// @ts-check
/**
 * Build transform: attaches the source of the model's equations to the functions themselves, so
 * that the WebAssembly backend can translate them (see simulation/engine/equation-source.ts).
 *
 * Every arrow function in simulation/model/ whose parameters are plain names and whose body is in
 * the subset the backend understands (numbers, arithmetic, comparisons, logic, conditionals, calls,
 * `a.b`, `a[i]`, local `let`/`const`, assignments, `if`, `for`, `return`) is wrapped in
 * `registerEquationSource(<the arrow, unchanged>, params, kind, tree, free, () => [free values])`.
 * Free names must be bound once and for all (imports, `const`, function declarations, parameters
 * of enclosing functions that are never assigned, or globals such as `Math`); an arrow that reads
 * a `let` or `var` from outside is left alone (the backend then calls it). The source files are
 * not changed; only the code the bundler compiles is. Insertions never add a line, so line
 * numbers are kept (and a source map is returned for Vite).
 *
 * Used by scripts/build-cli.mjs (esbuild), vite.config.ts (the app and its workers) and
 * vitest.config.ts.
 */
import ts from 'typescript';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { insertionSourceMap } from './insertion-source-map.mjs';

export { insertionSourceMap };

const here = path.dirname(fileURLToPath(import.meta.url));
const REGISTRY = path.join(here, '..', 'simulation', 'engine', 'equation-source.ts');
const REGISTER = '__flywheelEquationSource';

/** The files the transform applies to: the model's declarations. */
export const MODEL_FILE = /[\\/]simulation[\\/]model[\\/][^?]*\.ts$/;

class Unsupported extends Error {}

const BINARY = new Map([
  [ts.SyntaxKind.PlusToken, '+'],
  [ts.SyntaxKind.MinusToken, '-'],
  [ts.SyntaxKind.AsteriskToken, '*'],
  [ts.SyntaxKind.SlashToken, '/'],
  [ts.SyntaxKind.PercentToken, '%'],
  [ts.SyntaxKind.LessThanToken, '<'],
  [ts.SyntaxKind.LessThanEqualsToken, '<='],
  [ts.SyntaxKind.GreaterThanToken, '>'],
  [ts.SyntaxKind.GreaterThanEqualsToken, '>='],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, '==='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, '!=='],
  [ts.SyntaxKind.EqualsEqualsToken, '=='],
  [ts.SyntaxKind.ExclamationEqualsToken, '!='],
  [ts.SyntaxKind.AmpersandAmpersandToken, '&&'],
  [ts.SyntaxKind.BarBarToken, '||'],
  [ts.SyntaxKind.QuestionQuestionToken, '??'],
]);
const ASSIGN = new Map([
  [ts.SyntaxKind.EqualsToken, '='],
  [ts.SyntaxKind.PlusEqualsToken, '+='],
  [ts.SyntaxKind.MinusEqualsToken, '-='],
  [ts.SyntaxKind.AsteriskEqualsToken, '*='],
  [ts.SyntaxKind.SlashEqualsToken, '/='],
]);

/** Strips type-only wrappers: `x!`, `x as T`, `x satisfies T`, `<T>x`, parentheses. */
function bare(node) {
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node)
  )
    node = node.expression;
  return node;
}

/**
 * The syntax tree of an arrow function's body in the subset, and the names it reads from outside
 * (in order of first use). Throws Unsupported otherwise.
 */
function convertArrow(arrow) {
  const free = [];
  /** @type {Set<string>[]} */
  const scopes = [new Set(arrow.parameters.map((p) => p.name.text))];
  const declare = (name) => scopes[scopes.length - 1].add(name);
  const isLocal = (name) => scopes.some((s) => s.has(name));
  const use = (name) => {
    if (!isLocal(name) && !free.includes(name)) free.push(name);
    return name;
  };
  const inScope = (fn) => {
    scopes.push(new Set());
    try {
      return fn();
    } finally {
      scopes.pop();
    }
  };
  const localTarget = (node) => {
    const n = bare(node);
    if (!ts.isIdentifier(n) || !isLocal(n.text)) throw new Unsupported('assignment target');
    return n.text;
  };

  const expr = (node) => {
    const n = bare(node);
    if (ts.isNumericLiteral(n)) return Number(n.text.replace(/_/g, ''));
    if (ts.isIdentifier(n)) return use(n.text);
    if (n.kind === ts.SyntaxKind.TrueKeyword) return ['lit', true];
    if (n.kind === ts.SyntaxKind.FalseKeyword) return ['lit', false];
    if (ts.isPrefixUnaryExpression(n)) {
      const op = { [ts.SyntaxKind.MinusToken]: 'neg', [ts.SyntaxKind.PlusToken]: 'pos' }[
        n.operator
      ];
      if (n.operator === ts.SyntaxKind.ExclamationToken) return ['not', expr(n.operand)];
      if (!op) throw new Unsupported('prefix operator');
      return [op, expr(n.operand)];
    }
    if (ts.isBinaryExpression(n)) {
      const op = BINARY.get(n.operatorToken.kind);
      if (!op) throw new Unsupported('binary operator');
      return [op, expr(n.left), expr(n.right)];
    }
    if (ts.isConditionalExpression(n))
      return ['?', expr(n.condition), expr(n.whenTrue), expr(n.whenFalse)];
    if (ts.isCallExpression(n)) {
      if (n.questionDotToken || n.typeArguments) throw new Unsupported('call form');
      const callee = bare(n.expression);
      if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee))
        throw new Unsupported('callee');
      if (n.arguments.some((a) => ts.isSpreadElement(a))) throw new Unsupported('spread');
      return ['call', expr(callee), ...n.arguments.map(expr)];
    }
    if (ts.isPropertyAccessExpression(n)) {
      if (n.questionDotToken || !ts.isIdentifier(n.name)) throw new Unsupported('member');
      return ['.', expr(n.expression), n.name.text];
    }
    if (ts.isElementAccessExpression(n)) {
      if (n.questionDotToken) throw new Unsupported('element');
      return ['[]', expr(n.expression), expr(n.argumentExpression)];
    }
    throw new Unsupported(ts.SyntaxKind[n.kind]);
  };

  /** An assignment or increment as a `set` statement. */
  const update = (node) => {
    const n = bare(node);
    if (ts.isBinaryExpression(n) && ASSIGN.has(n.operatorToken.kind))
      return ['set', ASSIGN.get(n.operatorToken.kind), localTarget(n.left), expr(n.right)];
    if (
      (ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)
    )
      return [
        'set',
        n.operator === ts.SyntaxKind.PlusPlusToken ? '+=' : '-=',
        localTarget(n.operand),
        1,
      ];
    throw new Unsupported('expression statement');
  };

  const declarations = (list) => {
    if (!(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) throw new Unsupported('var');
    return list.declarations.map((d) => {
      if (!ts.isIdentifier(d.name) || !d.initializer) throw new Unsupported('declaration');
      const value = expr(d.initializer);
      declare(d.name.text);
      return ['let', d.name.text, value];
    });
  };

  const statements = (list) => inScope(() => list.flatMap(statement));
  const statement = (s) => {
    if (ts.isVariableStatement(s)) return declarations(s.declarationList);
    if (ts.isExpressionStatement(s)) return [update(s.expression)];
    if (ts.isReturnStatement(s)) {
      if (!s.expression) throw new Unsupported('bare return');
      return [['return', expr(s.expression)]];
    }
    if (ts.isIfStatement(s)) {
      const c = expr(s.expression);
      const then = statements([s.thenStatement]);
      const otherwise = s.elseStatement ? statements([s.elseStatement]) : [];
      return [['if', c, then, otherwise]];
    }
    if (ts.isBlock(s)) return [['block', statements(s.statements)]];
    if (ts.isForStatement(s)) {
      return [
        inScope(() => {
          const init = !s.initializer
            ? []
            : ts.isVariableDeclarationList(s.initializer)
              ? declarations(s.initializer)
              : [update(s.initializer)];
          const cond = s.condition ? expr(s.condition) : null;
          const step = s.incrementor ? [update(s.incrementor)] : [];
          return ['for', init, cond, step, statements([s.statement])];
        }),
      ];
    }
    throw new Unsupported(ts.SyntaxKind[s.kind]);
  };

  if (ts.isBlock(arrow.body))
    return { kind: 'block', body: statements(arrow.body.statements), free };
  return { kind: 'expr', body: expr(arrow.body), free };
}

/** True when `name` is assigned anywhere inside `scope` (a conservative check). */
function assignedWithin(scope, name) {
  let found = false;
  const visit = (n) => {
    if (found) return;
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(bare(n.left)) &&
      bare(n.left).text === name
    )
      found = true;
    else if (
      (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken ||
        n.operator === ts.SyntaxKind.MinusMinusToken) &&
      ts.isIdentifier(bare(n.operand)) &&
      bare(n.operand).text === name
    )
      found = true;
    else ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/** The names a binding pattern declares. */
function boundNames(name) {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

/**
 * How `name`, read by a function at `from`, is bound: 'fixed' (import, const, function or class
 * declaration, a parameter never assigned), 'mutable' (let, var, assigned parameter) or 'global'.
 */
function bindingOf(from, name) {
  for (let scope = from.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      for (const p of scope.parameters ?? []) {
        if (boundNames(p.name).includes(name)) {
          return assignedWithin(scope, name) ? 'mutable' : 'fixed';
        }
      }
      if (ts.isFunctionExpression(scope) && scope.name?.text === name) return 'fixed';
    }
    if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
      const init = scope.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        if (init.declarations.some((d) => boundNames(d.name).includes(name)))
          return init.flags & ts.NodeFlags.Const ? 'fixed' : 'mutable';
      }
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration) {
      if (boundNames(scope.variableDeclaration.name).includes(name)) return 'mutable';
    }
    const statements =
      ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)
        ? scope.statements
        : ts.isCaseClause(scope) || ts.isDefaultClause(scope)
          ? scope.statements
          : null;
    if (!statements) continue;
    for (const s of statements) {
      if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          if (boundNames(d.name).includes(name))
            return s.declarationList.flags & ts.NodeFlags.Const ? 'fixed' : 'mutable';
        }
      } else if (
        (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) &&
        s.name?.text === name
      ) {
        return 'fixed';
      } else if (ts.isImportDeclaration(s) && s.importClause && !s.importClause.isTypeOnly) {
        const c = s.importClause;
        if (c.name?.text === name) return 'fixed';
        const b = c.namedBindings;
        if (b && ts.isNamespaceImport(b) && b.name.text === name) return 'fixed';
        if (
          b &&
          ts.isNamedImports(b) &&
          b.elements.some((e) => !e.isTypeOnly && e.name.text === name)
        )
          return 'fixed';
      }
    }
  }
  return 'global';
}

/** The literal text of a syntax tree (numbers written so that they read back exactly). */
function literal(v) {
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '-0';
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    return String(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  return `[${v.map(literal).join(',')}]`;
}

/**
 * Transforms one model file. Returns null when nothing was registered. `edits` are the
 * insertions (position in the original, text), for the source map.
 */
export function registerEquationSources(code, fileName) {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  /** @type {{ at: number, text: string }[]} */
  const edits = [];
  const visit = (node) => {
    if (ts.isArrowFunction(node) && !node.modifiers?.length) {
      const plain = node.parameters.every(
        (p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken,
      );
      if (plain) {
        try {
          const { kind, body, free } = convertArrow(node);
          if (free.every((name) => bindingOf(node, name) !== 'mutable')) {
            const params = node.parameters.map((p) => p.name.text);
            edits.push({ at: node.getStart(sf), text: `${REGISTER}(` });
            edits.push({
              at: node.end,
              text: `, ${literal(params)}, '${kind}', ${literal(body)}, ${literal(free)}, () => [${free.join(', ')}])`,
            });
            return; // a translatable body holds no other arrow function
          }
        } catch (e) {
          if (!(e instanceof Unsupported)) throw e;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (edits.length === 0) return null;
  let relative = path.relative(path.dirname(fileName), REGISTRY).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  edits.unshift({
    at: 0,
    text: `import { registerEquationSource as ${REGISTER} } from '${relative.replace(/\.ts$/, '')}'; `,
  });
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let last = 0;
  for (const e of edits) {
    out += code.slice(last, e.at) + e.text;
    last = e.at;
  }
  out += code.slice(last);
  return { code: out, edits };
}

/** esbuild plugin (scripts/build-cli.mjs). */
export function equationSourcesEsbuild() {
  return {
    name: 'flywheel-equation-sources',
    setup(build) {
      build.onLoad({ filter: MODEL_FILE }, async (args) => {
        const code = await readFile(args.path, 'utf8');
        return { contents: registerEquationSources(code, args.path)?.code ?? code, loader: 'ts' };
      });
    },
  };
}

/** Vite / Vitest plugin (vite.config.ts, its workers, vitest.config.ts). */
export function equationSourcesVite() {
  return {
    name: 'flywheel-equation-sources',
    enforce: 'pre',
    transform(code, id) {
      if (!MODEL_FILE.test(id)) return null;
      const file = id.split('?')[0];
      const result = registerEquationSources(code, file);
      if (!result) return null;
      return { code: result.code, map: insertionSourceMap(code, result.edits, file) };
    },
  };
}
