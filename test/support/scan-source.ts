/** Static scans of TypeScript source, for the layout and package tests. */
import ts from 'typescript';

/** Module specifiers of static imports and re-exports, side-effect imports and dynamic imports. */
export function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const m of code.matchAll(pattern)) found.push(m[1] as string);
  }
  return found;
}

/** A literal that looks like a word list: where it is, how many distinct strings, how it starts. */
export interface WordListLiteral {
  line: number;
  distinct: number;
  start: string;
}

/**
 * Array literals holding more than `max` distinct strings (counting the first string of tuple
 * entries, as in `[['monday', 1], …]`), and strings of more than `max` space-separated words split
 * into a list (`'the a an …'.split(' ')`). A literal asserted `as const` is an enumeration the
 * type checker reads (filter keys, feature names), not a vocabulary, and is left alone.
 */
export function wordListLiterals(file: string, code: string, max = 5): WordListLiteral[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true);
  const found: WordListLiteral[] = [];
  const report = (node: ts.Node, words: string[]) => {
    const distinct = new Set(words).size;
    if (distinct <= max) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ line, distinct, start: words.slice(0, 4).join(', ') });
  };
  const stringsOf = (node: ts.Expression): string | undefined => {
    if (ts.isStringLiteralLike(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return stringsOf(node.expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = stringsOf(node.left);
      const right = stringsOf(node.right);
      return left !== undefined && right !== undefined ? left + right : undefined;
    }
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isArrayLiteralExpression(node)) {
      const asConst = ts.isAsExpression(node.parent) && node.parent.type.getText(source) === 'const';
      // A JSON schema's `required: [...]` names the fields of our own data shapes, not words of a language.
      const schemaFields =
        ts.isPropertyAssignment(node.parent) &&
        (ts.isIdentifier(node.parent.name) || ts.isStringLiteral(node.parent.name)) &&
        node.parent.name.text === 'required';
      if (!asConst && !schemaFields) {
        const words: string[] = [];
        for (const el of node.elements) {
          if (ts.isStringLiteralLike(el)) words.push(el.text);
          else if (
            ts.isArrayLiteralExpression(el) &&
            el.elements[0] &&
            ts.isStringLiteralLike(el.elements[0])
          )
            words.push(el.elements[0].text);
        }
        report(node, words);
      }
    }
    // 'a b c'.split(' '): a word list in one string.
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'split'
    ) {
      const text = stringsOf(node.expression.expression);
      if (text !== undefined)
        report(
          node,
          text.split(/\s+/).filter((w) => w.length > 0),
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
