/**
 * The model's code reads like its documentation (issue 10, item 8): one file per sub-model of
 * docs/MODEL.md section 3, no function in simulation/model/ longer than about 80 lines, no file
 * over about 400 lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MODEL_DIR = join(__dirname, '../../simulation/model');
const MAX_FUNCTION_LINES = 80;
const MAX_FILE_LINES = 400;

function modelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? modelFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Named functions (declarations, and arrow functions bound to a const) with their line counts. */
function functionLengths(file: string): { name: string; lines: number }[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { name: string; lines: number }[] = [];
  const lines = (node: ts.Node): number =>
    source.getLineAndCharacterOfPosition(node.getEnd()).line -
    source.getLineAndCharacterOfPosition(node.getStart()).line +
    1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name)
      out.push({ name: node.name.text, lines: lines(node) });
    else if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name))
      out.push({ name: node.name.text, lines: lines(node) });
    else if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    )
      out.push({ name: node.name.text, lines: lines(node) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('simulation/model reads like docs/MODEL.md', () => {
  it('has one file per sub-model of section 3', () => {
    const names = readdirSync(MODEL_DIR);
    for (const file of [
      'users.ts',
      'activity.ts',
      'sources.ts',
      'consumers.ts',
      'experience.ts',
      'economics.ts',
      'summaries.ts',
    ])
      expect(names, file).toContain(file);
  });

  for (const file of modelFiles(MODEL_DIR)) {
    const short = file.slice(MODEL_DIR.length + 1);
    it(`${short}: functions under ${MAX_FUNCTION_LINES} lines, file under ${MAX_FILE_LINES}`, () => {
      const long = functionLengths(file).filter((f) => f.lines > MAX_FUNCTION_LINES);
      expect(long.map((f) => `${f.name} (${f.lines} lines)`)).toEqual([]);
      expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThanOrEqual(MAX_FILE_LINES);
    });
  }
});
