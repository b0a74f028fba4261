// LaTeX: the text for each form, and, for any tree, TeX that is well formed and reads as the tree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { parse } from '../../src/parse/parse';
import { toLatex } from '../../src/print/latex';
import { exprArb, programArb } from '../support/arbitraries';

const tex = (source: string) => toLatex(parse(source));

describe('expressions', () => {
  it.each([
    ['2x + 3x^2 + x(6 - 2)', '2 x + 3 x^{2} + x \\cdot \\left(6 - 2\\right)'],
    ['x^2 / (1 + sqrt(x))', '\\frac{x^{2}}{1 + \\sqrt{x}}'],
    ['sin(x)^2 + cos(x)^2', '{\\sin\\left(x\\right)}^{2} + {\\cos\\left(x\\right)}^{2}'],
    ['-x^2', '-x^{2}'],
    ['(-x)^2', '{\\left(-x\\right)}^{2}'],
    ['x^y^z', 'x^{y^{z}}'],
    ['(x^y)^z', '{\\left(x^{y}\\right)}^{z}'],
    ['e^x', 'e^{x}'],
    ['a - (b - c)', 'a - \\left(b - c\\right)'],
    ['a - b - c', 'a - b - c'],
    ['a (b + c)', 'a \\cdot \\left(b + c\\right)'],
    ['1/2x', '\\frac{1}{2} \\cdot x'],
    ['a/b/c', '\\frac{\\frac{a}{b}}{c}'],
    ['x * -y', 'x \\cdot -y'],
    ['pi e', '\\pi \\cdot e'],
    // A literal is juxtaposed with what follows only where that cannot read otherwise.
    ['2 sin(x)', '2 \\sin\\left(x\\right)'],
    ['2(3x)', '2 \\left(3 x\\right)'],
    ['2 (-x)', '2 \\cdot -x'],
    ['2 * 3^x', '2 \\cdot 3^{x}'],
    ['2 * 3', '2 \\cdot 3'],
    // Functions.
    ['abs(x)', '\\left|x\\right|'],
    ['sqrt(x)^2', '{\\sqrt{x}}^{2}'],
    ['cbrt(x)', '\\sqrt[3]{x}'],
    ['nthRoot(x, 3)', '\\sqrt[3]{x}'],
    ['log(x)', '\\ln\\left(x\\right)'],
    ['log(x, 2)', '\\log_{2}\\left(x\\right)'],
    ['log10(x)', '\\log_{10}\\left(x\\right)'],
    ['asin(x)', '\\arcsin\\left(x\\right)'],
    ['max(1, x)', '\\max\\left(1, x\\right)'],
    ['sigmoid(x)', '\\operatorname{sigmoid}\\left(x\\right)'],
    // Names, vectors and numbers.
    ['alpha + Theta', '\\alpha + \\Theta'],
    ['rate', '\\mathrm{rate}'],
    ['w1 x1', 'w_{1} \\cdot x_{1}'],
    ['k_2 + x_max', 'k_{2} + x_{max}'],
    ['x_1^2', '{x_{1}}^{2}'],
    ['a_b_c', '\\mathrm{a\\_b\\_c}'],
    ['v[i + 1]', 'v_{i + 1}'],
    ['x1[2]', '{x_{1}}_{2}'],
    ['length(v)', '\\operatorname{length}\\left(v\\right)'],
    ['[1, 2, x]', '\\begin{bmatrix}1 \\\\ 2 \\\\ x\\end{bmatrix}'],
    ['1e21 x', '1 \\cdot 10^{21} x'],
    ['1e-7', '1 \\cdot 10^{-7}'],
  ])('%s', (source, expected) => {
    expect(tex(source)).toBe(expected);
  });

  it.each<[string, ast.Expr, string]>([
    ['a negative literal', ast.num(-2), '-2'],
    ['a negative factor', ast.call('multiply', [ast.num(-2), ast.variable('x')]), '-2 \\cdot x'],
    ['a negative right factor', ast.call('multiply', [ast.num(2), ast.num(-3)]), '2 \\cdot -3'],
  ])('%s', (_, tree, expected) => {
    expect(toLatex(tree)).toBe(expected);
  });
});

describe('programs', () => {
  it.each([
    [
      'while abs(x) > 5 { x = x / 2 } return x^2',
      ['\\textbf{while } \\left|x\\right| > 5 \\textbf{ do}', '\\quad x \\leftarrow \\frac{x}{2}', '\\textbf{end}', '\\textbf{return } x^{2}'],
    ],
    [
      'if not (a < b or c >= d) and e != f { y = 1 } else { y = 2 } return y',
      [
        '\\textbf{if } \\lnot \\left(a < b \\lor c \\ge d\\right) \\land e \\ne f \\textbf{ then}',
        '\\quad y \\leftarrow 1',
        '\\textbf{else}',
        '\\quad y \\leftarrow 2',
        '\\textbf{end}',
        '\\textbf{return } y',
      ],
    ],
    ['for i = 1:n { v[i] = 0 } v', ['\\textbf{for } i = 1, \\ldots, n \\textbf{ do}', '\\quad v_{i} \\leftarrow 0', '\\textbf{end}', 'v']],
    ['x = 1', ['x \\leftarrow 1']],
  ])('%j', (source, lines) => {
    expect(tex(source)).toBe(`\\begin{array}{l}\n${lines.join(' \\\\\n')}\n\\end{array}`);
  });

  it('writes a program of one expression as that expression', () => {
    expect(tex('x^2')).toBe('x^{2}');
  });

  it('writes a lone statement or condition', () => {
    const [loop] = parse('while x <= 1 { x = 2x }').body;
    expect(toLatex(loop)).toBe('\\textbf{while } x \\le 1 \\textbf{ do} \\\\\n\\quad x \\leftarrow 2 x \\\\\n\\textbf{end}');
    expect(loop.kind === 'while' && toLatex(loop.cond)).toBe('x \\le 1');
  });
});

describe('any tree', () => {
  it('gives well-formed TeX for any expression', () => {
    fc.assert(
      fc.property(exprArb(), (e) => {
        expect(problems(toLatex(e)), toLatex(e)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives well-formed TeX for any program', () => {
    fc.assert(
      fc.property(programArb(), (p) => {
        expect(problems(toLatex(p)), toLatex(p)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * What would stop TeX or mislead a reader: unbalanced braces, \left/\right or environments, an
 * atom given two subscripts or two superscripts, and a literal juxtaposed with a digit or a sign.
 */
function problems(text: string): string[] {
  const found: string[] = [];
  const tokens = text.match(/\\[A-Za-z]+|\\.|[{}^_]|\s+|[^\\{}^_\s]/g) ?? [];
  // Per open group: whether it is the argument of ^ or _, and the scripts of its last atom.
  const groups = [{ argument: false, sub: false, sup: false }];
  let lefts = 0;
  let script = false;
  for (const t of tokens) {
    const top = groups[groups.length - 1];
    if (/^\s+$/.test(t)) continue;
    if (t === '^' || t === '_') {
      const key = t === '^' ? 'sup' : 'sub';
      if (top[key]) found.push(`double ${t}`);
      top[key] = true;
      script = true;
    } else if (t === '{') {
      groups.push({ argument: script, sub: false, sup: false });
      script = false;
    } else if (t === '}') {
      const closed = groups.pop()!;
      if (groups.length === 0) return [...found, 'unbalanced }'];
      // A closed group is a new atom, unless it was the argument of ^ or _.
      if (!closed.argument) Object.assign(groups[groups.length - 1], { sub: false, sup: false });
    } else {
      if (t === '\\left') lefts++;
      if (t === '\\right') lefts--;
      if (!script) Object.assign(top, { sub: false, sup: false });
      script = false;
    }
  }
  if (groups.length !== 1) found.push('unbalanced {');
  if (lefts !== 0) found.push('unbalanced \\left/\\right');
  const begins = text.match(/\\begin\{/g)?.length ?? 0;
  const ends = text.match(/\\end\{/g)?.length ?? 0;
  if (begins !== ends) found.push('unbalanced \\begin/\\end');
  if (/\d [\d.]|\d -\S/.test(text)) found.push('a literal juxtaposed with a number or a sign');
  return found;
}
