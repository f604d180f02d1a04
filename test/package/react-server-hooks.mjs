// Node module hooks that do what a React Server Components bundler does at a `'use client'`
// boundary (as react-server-dom-webpack's node-loader does): a module whose first statement is
// the directive is not run on the server; it becomes client references, one per export, which a
// server component can render and the client fills in. Every other module loads as usual, under
// `--conditions=react-server` (so `react` is React's server build, without hooks or context).
//
// Registered by test/package/react-server.mjs with `module.register`.

const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1/;

/** The names an ES module exports, from its `export { a as B, … }` clauses (our build's form). */
function exportNames(source) {
  const names = [];
  for (const clause of source.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const item of (clause[1] ?? '').split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.push(name);
    }
  }
  if (/\bexport\s+(?:default|\*|const|let|var|function|class)\b/.test(source)) {
    throw new Error('react-server-hooks: only `export { … }` clauses are understood; extend exportNames');
  }
  return names;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (result.format !== 'module' || !url.startsWith('file:')) return result;
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  if (!DIRECTIVE.test(source)) return result;
  const names = exportNames(source);
  const reference = (name) =>
    `export const ${name} = Object.defineProperties(function () { throw new Error(${JSON.stringify(`${name} is a client reference; it runs in the browser`)}); }, ` +
    `{ $$typeof: { value: Symbol.for('react.client.reference') }, $$id: { value: ${JSON.stringify(`${url}#${name}`)} }, $$async: { value: false } });`;
  return { format: 'module', shortCircuit: true, source: names.map(reference).join('\n') };
}
