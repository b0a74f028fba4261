// The built-in default run: the seed examples parsed, printed back, shown as LaTeX and evaluated.
import type { Program } from '../ast';
import { compare } from '../diff/compare';
import { EXACT_METHODS } from '../diff/registry';
import { evaluate, type Inputs } from '../evaluate';
import { inputsOf } from '../interpret/inputs';
import { translateFile } from '../js/translate';
import { parse } from '../parse/parse';
import { print } from '../print/print';
import { toLatex } from '../print/latex';
import { formatValue } from './output';

interface Seed {
  readonly title: string;
  readonly source: string;
  readonly points: readonly Inputs[];
  /** The source is a JavaScript function: shown translated, and differentiated every way. */
  readonly js?: boolean;
}

const SEEDS: readonly Seed[] = [
  { title: 'implicit multiplication', source: '2x + 3x^2 + x(6 - 2)', points: [{ x: 0 }, { x: 2 }] },
  { title: 'an identity only a simplifier sees', source: 'sin(x)^2 + cos(x)^2', points: [{ x: 0.3 }, { x: 2 }] },
  {
    title: 'a loop whose trip count depends on the input',
    source: 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2',
    points: [{ x: 12 }, { x: 3 }, { x: -40 }],
  },
  {
    title: 'extended Rosenbrock over a vector',
    source: 's = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s',
    points: [{ x: [1, 1, 1, 1] }, { x: [-1.2, 1, -1.2, 1] }],
  },
  { title: 'a logistic unit', source: 'sigmoid(w1 x1 + w2 x2 + b)', points: [{ w1: 0.5, x1: 1, w2: -0.25, x2: 2, b: 0.1 }] },
  {
    title: 'the same loop as a plain JavaScript function (printed: its translation)',
    source: 'function halve(x) {\n  while (Math.abs(x) > 5) x = x / 2;\n  return x ** 2;\n}',
    points: [{ x: 12 }],
    js: true,
  },
];

export function tour(): string {
  const out: string[] = ['gradlab tour: each seed example parsed, printed back, and evaluated', ''];
  for (const seed of SEEDS) {
    const prog: Program = seed.js ? translateFile(seed.source).program : parse(seed.source);
    out.push(`## ${seed.title}`, indent(seed.source), '');
    out.push(`  printed : ${print(prog).split('\n').join('\n            ')}`);
    out.push(`  LaTeX   : ${toLatex(prog).split('\n').join('\n            ')}`);
    out.push(`  inputs  : ${inputsOf(prog).map((u) => u.name).join(', ')}`);
    for (const point of seed.points) {
      const at = Object.entries(point).map(([k, v]) => `${k}=${formatValue(v as number | number[])}`).join(', ');
      out.push(`  f(${at}) = ${formatValue(evaluate(prog, point))}`);
      if (seed.js) out.push(...derivatives(prog, point));
    }
    out.push('');
  }
  out.push('Next: gradlab eval "<expr>" --at x=1, gradlab parse "<expr>" --latex, gradlab --help');
  return out.join('\n');
}

/** Each method's df/dx, or why it refuses: symbolic names the JS line of the loop. */
function derivatives(prog: Program, point: Inputs): string[] {
  return compare(prog, point, { methods: EXACT_METHODS }).methods.map((m) =>
    `  ${m.method.padEnd(8)}: ${m.ok ? `df/dx = ${formatValue(Object.values(m.gradient ?? {})[0] as number)}` : `refuses: ${m.error}`}`,
  );
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}
