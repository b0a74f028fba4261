// Charts in the page: vega-lite specs compiled and drawn by vega as SVG into an element.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const views = new WeakMap<HTMLElement, vega.View>();

/** Draws the spec into the element, replacing what was there. */
export async function draw(el: HTMLElement, spec: TopLevelSpec): Promise<void> {
  views.get(el)?.finalize();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'svg', container: el, hover: true });
  views.set(el, view);
  await view.runAsync();
}

export const WIDTH = 420;
export const HEIGHT = 260;
