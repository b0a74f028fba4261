// LaTeX for expressions, conditions and programs, for papers, slides and notebooks.
import type { Cond, Expr, Node, Stmt } from '../ast';
import { PRIMITIVES } from '../primitives';
import { bottomUp } from './walk';

const enum Level {
  Sum = 1,
  Product = 2,
  Unary = 3,
  Power = 5,
  Atom = 6,
}

interface Tex {
  readonly text: string;
  readonly level: Level;
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);

const COMPARE: Record<string, string> = { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge', '==': '=', '!=': '\\ne' };

export function toLatex(node: Node): string {
  switch (node.kind) {
    case 'program':
      return node.body.length === 1 && node.body[0].kind === 'expr'
        ? expr(node.body[0].value).text
        : `\\begin{array}{l}\n${lines(node.body, 0).join(' \\\\\n')}\n\\end{array}`;
    case 'compare':
    case 'logical':
    case 'not':
      return cond(node).text;
    case 'assign':
    case 'assignIndex':
    case 'while':
    case 'if':
    case 'for':
    case 'return':
    case 'expr':
      return lines([node], 0).join(' \\\\\n');
    default:
      return expr(node).text;
  }
}

function lines(body: readonly Stmt[], depth: number): string[] {
  const pad = '\\quad '.repeat(depth);
  return body.flatMap((s): string[] => {
    switch (s.kind) {
      case 'assign':
        return [`${pad}${name(s.name)} \\leftarrow ${expr(s.value).text}`];
      case 'assignIndex':
        return [`${pad}${indexed(s.name, expr(s.index).text)} \\leftarrow ${expr(s.value).text}`];
      case 'while':
        return [`${pad}\\textbf{while } ${cond(s.cond).text} \\textbf{ do}`, ...lines(s.body, depth + 1), `${pad}\\textbf{end}`];
      case 'if':
        return [
          `${pad}\\textbf{if } ${cond(s.cond).text} \\textbf{ then}`,
          ...lines(s.then, depth + 1),
          ...(s.else ? [`${pad}\\textbf{else}`, ...lines(s.else, depth + 1)] : []),
          `${pad}\\textbf{end}`,
        ];
      case 'for':
        return [`${pad}\\textbf{for } ${name(s.name)} = ${expr(s.from).text}, \\ldots, ${expr(s.to).text} \\textbf{ do}`, ...lines(s.body, depth + 1), `${pad}\\textbf{end}`];
      case 'return':
        return [`${pad}\\textbf{return } ${expr(s.value).text}`];
      case 'expr':
        return [`${pad}${expr(s.value).text}`];
    }
  });
}

function cond(c: Cond): Tex {
  switch (c.kind) {
    case 'compare':
      return { text: `${expr(c.left).text} ${COMPARE[c.op]} ${expr(c.right).text}`, level: Level.Atom };
    case 'logical': {
      const level = c.op === 'or' ? Level.Sum : Level.Product;
      const op = c.op === 'or' ? '\\lor' : '\\land';
      return { text: `${wrap(cond(c.left), level)} ${op} ${wrap(cond(c.right), level + 1)}`, level };
    }
    case 'not':
      return { text: `\\lnot ${wrap(cond(c.arg), Level.Unary)}`, level: Level.Unary };
  }
}

/** A base of more than one symbol is braced so that `^` binds to all of it. */
function braced(text: string): string {
  return /^[A-Za-z0-9]$/.test(text) ? text : `{${text}}`;
}

function wrap(t: Tex, level: Level): string {
  return t.level >= level ? t.text : `\\left(${t.text}\\right)`;
}

function name(n: string): string {
  if (GREEK.has(n)) return `\\${n}`;
  const sub = /^([A-Za-z]+)_?([0-9]+)$/.exec(n) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(n);
  if (sub) return `${name(sub[1])}_{${sub[2]}}`;
  return n.length === 1 ? n : `\\mathrm{${n.replace(/_/g, '\\_')}}`;
}

/** `x1[2]` subscripts a name that may have its own subscript: braced, as `x_{1}_{2}` is an error. */
function indexed(n: string, i: string): string {
  const base = name(n);
  return `${base.includes('_') ? `{${base}}` : base}_{${i}}`;
}

function number(v: number): string {
  const s = String(v);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  return m ? `${m[1]} \\cdot 10^{${Number(m[2])}}` : s;
}

function expr(root: Expr): Tex {
  return bottomUp(root, tex);
}

function tex(e: Expr, get: (child: Expr) => Tex): Tex {
  switch (e.kind) {
    case 'number':
      return { text: number(e.value), level: e.value < 0 ? Level.Unary : Level.Atom };
    case 'constant':
      return { text: String(PRIMITIVES.get(e.name)!.tex), level: Level.Atom };
    case 'variable':
      return { text: name(e.name), level: Level.Atom };
    case 'vector':
      return { text: `\\begin{bmatrix}${e.items.map((i) => get(i).text).join(' \\\\ ')}\\end{bmatrix}`, level: Level.Atom };
    case 'index':
      return { text: indexed(e.name, get(e.index).text), level: Level.Atom };
    case 'length':
      return { text: `\\operatorname{length}\\left(${get(e.arg).text}\\right)`, level: Level.Atom };
    case 'call':
      return call(e.op, e.args, get);
  }
}

function call(op: string, args: readonly Expr[], get: (child: Expr) => Tex): Tex {
  const [a, b] = args;
  switch (op) {
    case 'add':
      return { text: `${wrap(get(a), Level.Sum)} + ${wrap(get(b), Level.Product)}`, level: Level.Sum };
    case 'subtract':
      return { text: `${wrap(get(a), Level.Sum)} - ${wrap(get(b), Level.Product)}`, level: Level.Sum };
    case 'multiply': {
      const right = wrap(get(b), Level.Unary);
      // `2 x` and `2 \sin x`, but never `2 3^{x}` (23^x) or `2 -x` (a difference).
      const juxtapose = a.kind === 'number' && a.value >= 0 && (b.kind === 'variable' || b.kind === 'constant' || b.kind === 'call') && !/^[-\d.]/.test(right);
      const sep = juxtapose ? ' ' : ' \\cdot ';
      return { text: `${wrap(get(a), Level.Product)}${sep}${right}`, level: Level.Product };
    }
    case 'divide':
      return { text: `\\frac{${get(a).text}}{${get(b).text}}`, level: Level.Atom };
    case 'unaryMinus':
      return { text: `-${wrap(get(a), Level.Unary)}`, level: Level.Unary };
    case 'pow':
      return { text: `${braced(wrap(get(a), Level.Atom))}^{${get(b).text}}`, level: Level.Power };
  }
  // Every other call as its table row spells it in TeX: a whole form (\\sqrt{x}), or a command
  // (\\sin, else \\operatorname{name}) before the parenthesised arguments.
  const tex = PRIMITIVES.get(op)?.tex;
  const texts = args.map((x) => get(x).text);
  if (typeof tex === 'function') return { text: tex(texts), level: Level.Atom };
  return { text: `${tex ?? `\\operatorname{${op}}`}\\left(${texts.join(', ')}\\right)`, level: Level.Atom };
}
