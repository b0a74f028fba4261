// Expressions printed bottom up with an explicit stack: a derivative of x^x^…^x 1,400 deep nests
// deeper than the call stack allows, and a node shared by many parents is printed once.
import type { Expr } from '../ast';
import { children } from '../parse/parse';

/** `visit` at every node reachable from `root`, children first, each node once; `get` reads a
 *  child's result. */
export function bottomUp<T>(root: Expr, visit: (e: Expr, get: (child: Expr) => T) => T): T {
  const done = new Map<Expr, T>();
  const get = (child: Expr): T => done.get(child)!;
  const stack: { node: Expr; kids: readonly Expr[]; next: number }[] = [{ node: root, kids: children(root) as readonly Expr[], next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++];
      if (!done.has(kid)) stack.push({ node: kid, kids: children(kid) as readonly Expr[], next: 0 });
    } else {
      stack.pop();
      if (!done.has(top.node)) done.set(top.node, visit(top.node, get));
    }
  }
  return done.get(root)!;
}
