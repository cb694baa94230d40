/** The libraries the report inlines before its page script, as the globals they define. */
declare global {
  /** vega's UMD build. */
  const vega: typeof import('vega');
  /** vega-interpreter, rewritten as a classic script by reports/assets.ts. */
  const vegaInterpreter: { expressionInterpreter: unknown };
}

export {};
