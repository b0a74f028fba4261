// The slice of the untyped `mnist` package that src/nn/digits.ts uses (its module.exports).
declare module 'mnist' {
  const digits: readonly { readonly length: number; get(index: number): number[] }[];
  export default digits;
}
