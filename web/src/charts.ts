// Charts in the page: vega-lite specs compiled and drawn by vega as SVG into an element.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const views = new WeakMap<HTMLElement, vega.View>();

/** Draws the spec into the element, replacing what was there. vega compiles its expressions to
 *  functions, so a Content-Security-Policy without 'unsafe-eval' leaves a note instead of a chart
 *  (the numbers elsewhere on the page still come, from gradlab's interpreted fallback). */
export async function draw(el: HTMLElement, spec: TopLevelSpec): Promise<void> {
  views.get(el)?.finalize();
  try {
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'svg', container: el, hover: true });
    views.set(el, view);
    await view.runAsync();
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    el.textContent = "This page's Content-Security-Policy forbids generated code, which vega's charts need.";
  }
}

export const WIDTH = 420;
export const HEIGHT = 260;
