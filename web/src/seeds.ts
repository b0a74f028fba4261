// The demonstrations one click away: each a function and a point that shows one lesson.
export interface Seed {
  readonly source: string;
  readonly point: string;
}

export const SEEDS: Readonly<Record<string, Seed>> = {
  // Symbolic differentiation refuses a loop whose trip count depends on x; the other three follow it.
  loop: { source: 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2', point: 'x=12' },
  // Wolfram Alpha's example: implicit products and x(6 - 2) as a product, derivative 2 + 6x + 4.
  wolfram: { source: '2x + 3x^2 + x(6 - 2)', point: 'x=1.5' },
  // Identically 1: the derivative is 0, and the simplifier should say so.
  pythagoras: { source: 'sin(x)^2 + cos(x)^2', point: 'x=0.7' },
  // A kink within a finite-difference step of the point: the central difference straddles it.
  kink: { source: 'abs(x - 1) + x^2', point: 'x=1.000000001' },
  // A smooth function whose V curve shows truncation error (large steps) against round-off (small ones).
  step: { source: 'exp(x) / (sin(x)^3 + cos(x)^3)', point: 'x=1.5' },
  // Two inputs and a loop with constant bounds, which the symbolic method unrolls.
  program: { source: 's = 0\nfor i = 1:3 {\n  s = s + sin(i x) / i\n}\nreturn s * y^2', point: 'x=0.5, y=2' },
  // A JavaScript function, read by the library's JS front end into the same program the methods share.
  js: { source: '(x, y) => {\n  let s = 0;\n  for (let i = 1; i <= 3; i++) s += Math.sin(i * x) / i;\n  return s * y * y + Math.exp(x / 3);\n}', point: 'x=0.5, y=2' },
};
