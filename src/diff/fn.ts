// A function to differentiate: a parsed program, its inputs, and the point layout that flattens
// named scalar and vector inputs into one vector x ∈ Rⁿ.
import type { Expr, Program } from '../ast';
import { EvalError, UsageError } from '../errors';
import { inputsOf } from '../interpret/inputs';
import { translateFunction, type TranslateOptions } from '../js/translate';
import { parse } from '../parse/parse';

/** A parsed program with what every method reuses across calls (traces, derivatives). */
export interface Fn {
  readonly kind: 'fn';
  /** The program; null for a function built directly as expressions (a network's loss). */
  readonly program: Program | null;
  readonly inputs: readonly string[];
  /** Per-layout caches kept by the methods, keyed by method and layout. */
  readonly cache: Map<string, unknown>;
  /** Set for expression-built functions: see built.ts. */
  readonly built?: Built;
  /** Values of data leaves (a training batch), read at every call; never differentiated. */
  readonly data: Map<string, Float64Array>;
  /** The text the program's spans point into when it is not gradlab source: a JS function's. */
  readonly source?: string;
}

/** A function given as interned expressions over input leaves and data leaves. */
export interface Built {
  readonly outputs: readonly Expr[];
  readonly vector: boolean;
  /** The input leaves in slot order (the layout's flattening). */
  readonly leaves: readonly Expr[];
  /** Leaves bound to `Fn.data` by name: element k of the named array. */
  readonly data: readonly { readonly name: string; readonly leaves: readonly Expr[] }[];
}

/** A plain JavaScript function of numbers and arrays of numbers (see src/js/). */
export type JsFunction = (...args: never[]) => unknown;

export type FnLike = string | Program | Fn | JsFunction;

export type Point = Readonly<Record<string, number | readonly number[] | Float64Array>>;

export type CompileOptions = TranslateOptions;

/** Translations of JS functions, per function and constants, so repeated calls reuse traces. */
const translated = new WeakMap<JsFunction, Map<string, Fn>>();

/** The one seam every verb takes its function through: source text, a program, a JS function. */
export function compile(f: FnLike, options: CompileOptions = {}): Fn {
  if (typeof f === 'string') return compile(parse(f));
  if (typeof f === 'function') return fromJs(f, options);
  if (f === null || typeof f !== 'object' || (f.kind !== 'fn' && f.kind !== 'program')) {
    throw new UsageError(`expected source text, a parsed program, a compiled function or a JavaScript function, got ${describe(f)}`);
  }
  if (f.kind === 'fn') return f;
  return { kind: 'fn', program: f, inputs: inputsOf(f).map((u) => u.name), cache: new Map(), data: new Map() };
}

function fromJs(f: JsFunction, options: CompileOptions): Fn {
  const key = JSON.stringify(options.constants ?? {});
  let byConstants = translated.get(f);
  if (!byConstants) translated.set(f, (byConstants = new Map()));
  let fn = byConstants.get(key);
  if (!fn) {
    const t = translateFunction(f, options);
    fn = { kind: 'fn', program: t.program, inputs: t.inputs, cache: new Map(), data: new Map(), source: t.source };
    byConstants.set(key, fn);
  }
  return fn;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return (v as { kind?: unknown }).kind ? `an object of kind '${String((v as { kind: unknown }).kind)}'` : 'an object';
  return `a ${typeof v}`;
}

/** How a point's named inputs sit in the flat vector x: scalars take one slot, vectors many. */
export interface Layout {
  readonly entries: readonly { readonly name: string; readonly size: number | null; readonly offset: number }[];
  readonly n: number;
  /** Equal for points of the same shape, so traces and derivatives can be reused. */
  readonly key: string;
}

export function layoutOf(fn: Fn, at: Point): Layout {
  const entries: { name: string; size: number | null; offset: number }[] = [];
  let offset = 0;
  for (const name of fn.inputs) {
    const v = at[name];
    if (v === undefined) throw new EvalError('missing-input', `no value given for the input '${name}'`);
    const values = typeof v === 'number' ? [v] : v;
    if (!(Array.isArray(values) || values instanceof Float64Array) || !allFinite(values)) {
      throw new EvalError('type', `input '${name}' must be a finite number or a vector of them, got ${described(v)}`);
    }
    const size = typeof v === 'number' ? null : values.length;
    entries.push({ name, size, offset });
    offset += size ?? 1;
  }
  for (const name of Object.keys(at)) {
    if (!fn.inputs.includes(name)) {
      // Refused, not ignored: a misspelt input would otherwise read as a partial of 0.
      throw new EvalError(
        'unknown-input',
        `'${name}' is not an input of this function (its inputs: ${fn.inputs.join(', ') || 'none'}); leave '${name}' out of the point, or use it in the function to make it an input`,
      );
    }
  }
  const key = entries.map((e) => `${e.name}:${e.size ?? 's'}`).join(',');
  return { entries, n: offset, key };
}

/** What a bad input is, in a few words: NaN and Infinity by name (JSON would print null), a
 *  vector by its first bad element, not its whole text (it may hold 10⁶ numbers). */
function described(v: unknown): string {
  const one = (x: unknown) => (typeof x === 'number' ? String(x) : typeof x === 'string' ? JSON.stringify(x) : x === null ? 'null' : typeof x);
  if (!Array.isArray(v) && !(v instanceof Float64Array)) return typeof v === 'object' && v !== null ? 'an object' : one(v);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return `${one(x)} as element ${i + 1} of ${v.length}`;
  }
  return 'a vector';
}

function allFinite(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}

/** The point as one flat vector: a counted loop from a plain array (TypedArray.set from one
 *  takes a slow path in V8), a block copy from a typed one. */
export function flatten(layout: Layout, at: Point): Float64Array {
  const x = new Float64Array(layout.n);
  for (const e of layout.entries) {
    const v = at[e.name]!;
    if (typeof v === 'number') x[e.offset] = v;
    else if (v instanceof Float64Array) x.set(v, e.offset);
    else for (let k = 0, o = e.offset; k < v.length; k++) x[o + k] = v[k];
  }
  return x;
}

/** The layout and the flat point in one pass over the values, or undefined where the point is not
 *  plain (a missing, unknown or non-finite input: layoutOf names it). One Float64Array input is
 *  the flat point itself, not a copy: generated code and the interpreter only read it; with
 *  `trust` its values are left unchecked (`checked` false) for the caller to test. `alloc`
 *  gives the buffer for a copy (every slot is written). */
export function plainPoint(fn: Fn, at: Point, alloc: (n: number) => Float64Array = (n) => new Float64Array(n), trust = false): { layout: Layout; x: Float64Array; checked: boolean } | undefined {
  const inputs = fn.inputs;
  let count = 0;
  for (const name in at) if (Object.prototype.hasOwnProperty.call(at, name)) count++;
  if (count !== inputs.length) return undefined;
  if (inputs.length === 1) {
    const v = at[inputs[0]];
    if (v instanceof Float64Array) {
      // Trusted: the caller's generated code tests the elements it reads, and the caller tests
      // the point itself (finiteTyped) wherever that code cannot vouch for all of them.
      if (!trust && !finiteTyped(v)) return undefined;
      const layout: Layout = { entries: [{ name: inputs[0], size: v.length, offset: 0 }], n: v.length, key: `${inputs[0]}:${v.length}` };
      return { layout, x: v, checked: !trust };
    }
  }
  let n = 0;
  for (const name of inputs) {
    const v = at[name];
    if (typeof v === 'number') n++;
    else if (Array.isArray(v) || v instanceof Float64Array) n += v.length;
    else return undefined;
  }
  const x = alloc(n);
  const entries: { name: string; size: number | null; offset: number }[] = [];
  let offset = 0;
  for (const name of inputs) {
    const v = at[name]!;
    if (typeof v === 'number') {
      if (v - v !== 0) return undefined;
      entries.push({ name, size: null, offset });
      x[offset++] = v;
      continue;
    }
    const m = v.length;
    for (let k = 0; k < m; k++) {
      const e = v[k];
      // A number, and finite (e − e is 0 for every finite number, NaN otherwise).
      if (typeof e !== 'number' || e - e !== 0) return undefined;
      x[offset + k] = e;
    }
    entries.push({ name, size: m, offset });
    offset += m;
  }
  return { layout: { entries, n, key: entries.map((e) => `${e.name}:${e.size ?? 's'}`).join(',') }, x, checked: true };
}

/** Whether every entry is finite (x − x is 0 for a finite x, NaN otherwise, so the sum stays 0
 *  only when all are); a function of its own, so that its loop sees Float64Arrays only. */
export function finiteTyped(v: Float64Array): boolean {
  let bad = 0;
  for (let k = 0; k < v.length; k++) bad += v[k] - v[k];
  return bad === 0;
}

/** The flat vector back as named inputs, the shape users gave. */
export function unflatten(layout: Layout, x: ArrayLike<number>): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const e of layout.entries) {
    if (e.size === null) {
      out[e.name] = x[e.offset];
      continue;
    }
    const v = new Array<number>(e.size);
    for (let k = 0; k < e.size; k++) v[k] = x[e.offset + k];
    out[e.name] = v;
  }
  return out;
}

/** A flat answer's kind: a point whose vector inputs are all Float64Arrays (it has at least one)
 *  gets Float64Arrays back, any other point number[]s (see `FlatOf` in types.ts). */
export function typedPoint(at: Point): boolean {
  let typed = false;
  for (const name in at) {
    const v = at[name];
    if (v instanceof Float64Array) typed = true;
    else if (typeof v !== 'number') return false;
  }
  return typed;
}

/** A plain array of a typed one (a counted loop: several times faster than Array.from). */
export function toArray(v: ArrayLike<number>): number[] {
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i];
  return out;
}

/** A Float64Array of a plain array (a counted loop: TypedArray.from and set take a slow path). */
export function toFloat64(v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i];
  return out;
}

/** A flat answer as the kind `typed` asks for: a Float64Array one is kept (answers are the
 *  caller's own, never a reused buffer), a plain one converted, and the other way round. */
export function asKind(v: ArrayLike<number>, typed: boolean): number[] | Float64Array {
  if (typed) return v instanceof Float64Array ? v : toFloat64(v);
  return Array.isArray(v) ? v : toArray(v);
}

/** The layout of a point a method has already accepted (layoutOf checked it): offsets from the
 *  inputs' lengths, without a second pass over their values. */
export function acceptedLayout(fn: Fn, at: Point): Layout {
  const entries: { name: string; size: number | null; offset: number }[] = [];
  let offset = 0;
  for (const name of fn.inputs) {
    const v = at[name]!;
    const size = typeof v === 'number' ? null : v.length;
    entries.push({ name, size, offset });
    offset += size ?? 1;
  }
  return { entries, n: offset, key: entries.map((e) => `${e.name}:${e.size ?? 's'}`).join(',') };
}

/** A flat answer as named inputs, each vector the kind its input was given as: a Float64Array
 *  input gets a fresh Float64Array (the flat answer itself where it is one and that input is the
 *  whole of it), a plain array a number[]. */
export function unflattenLike(layout: Layout, x: ArrayLike<number>, at: Point): Record<string, number | number[] | Float64Array> {
  const out: Record<string, number | number[] | Float64Array> = {};
  for (const e of layout.entries) {
    if (e.size === null) out[e.name] = x[e.offset];
    else if (!(at[e.name] instanceof Float64Array)) {
      const v = new Array<number>(e.size);
      for (let k = 0; k < e.size; k++) v[k] = x[e.offset + k];
      out[e.name] = v;
    } else if (x instanceof Float64Array) out[e.name] = layout.entries.length === 1 ? x : x.slice(e.offset, e.offset + e.size);
    else {
      const v = new Float64Array(e.size);
      for (let k = 0; k < e.size; k++) v[k] = x[e.offset + k];
      out[e.name] = v;
    }
  }
  return out;
}

/** A readable name for slot j of x: `x` or `v[2]` (1-based, as in the language). */
export function slotName(layout: Layout, j: number): string {
  for (const e of layout.entries) {
    if (j >= e.offset && j < e.offset + (e.size ?? 1)) return e.size === null ? e.name : `${e.name}[${j - e.offset + 1}]`;
  }
  throw new RangeError(`slot ${j} is outside the layout`);
}

/** Inputs for the interpreter from a flat vector, each slot made a domain value by `lift`. */
export function seedInputs<T>(layout: Layout, lift: (j: number) => T): Record<string, T | T[]> {
  const out: Record<string, T | T[]> = {};
  for (const e of layout.entries) {
    out[e.name] = e.size === null ? lift(e.offset) : Array.from({ length: e.size }, (_, k) => lift(e.offset + k));
  }
  return out;
}
