/**
 * `confab/layers`: the layer directions of docs/architecture.md, as one ESLint rule.
 *
 * For every import, re-export, dynamic `import('…')` and `import('…')` type in a file under src/:
 *
 * 1. The file's *unit* is its folder under src/ (`core`, `react`, …); each transport is its own
 *    unit (`transports/memory`, `transports/websocket`). A file in no known unit is reported, so a
 *    new layer gets added here (and to docs/architecture.md) on purpose.
 * 2. A relative import is resolved against the file. Inside the same unit it is free.
 * 3. Into another unit it must be allowed by `LAYERS[unit].uses` (or `.typesFrom` for an
 *    `import type` / `export type`, which erases at build time), and it must name that unit's
 *    public index (`../protocol`, `../protocol/index`, `../protocol/index.ts`), never its insides
 *    (`../protocol/entities`).
 * 4. Package imports are checked against `LAYERS[unit].forbid`: no React or DOM-only libraries
 *    below `react`, no Node built-ins or `ws` in code that runs in a browser. src/ never imports
 *    Confab by its package name (`confab/…`); that is for users, the playground and stories.
 *
 * Outside src/, files in `playground/` and `stories/` may not reach into src/ by path: they import
 * Confab by its public entry names (`confab-chat`, `confab-chat/core`, …), exactly as a user would.
 * Tests and benches may import anything.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const REACT_AND_DOM = /^(react|react-dom|react-virtuoso|emoji-mart|@emoji-mart\/[^/]+)(\/|$)/;
const BROWSER_STORAGE = /^idb-keyval(\/|$)/;
const EMOJI_MART = /^(emoji-mart|@emoji-mart\/[^/]+)(\/|$)/;
const NODE_ONLY = new RegExp(`^(node:.*|ws|${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/|$)`);

/**
 * Who may use whom. `uses`: value or type imports. `typesFrom`: `import type` only.
 * `forbid`: package imports refused, with the reason shown.
 * `transports/*` stands for every transport unit.
 */
export const LAYERS = {
  protocol: {
    uses: [],
    forbid: [
      [REACT_AND_DOM, 'protocol never imports React or the DOM'],
      [BROWSER_STORAGE, 'protocol is the wire contract: no storage'],
      [NODE_ONLY, 'protocol runs in browsers and Node alike: no Node-only modules'],
    ],
  },
  server: {
    uses: ['protocol'],
    forbid: [
      [REACT_AND_DOM, 'the reference server never imports React or the DOM'],
      [BROWSER_STORAGE, 'the reference server is a pure state machine: no storage'],
      [NODE_ONLY, 'the reference server runs in a browser tab too: no Node-only modules (the socket host wraps it)'],
    ],
  },
  core: {
    uses: ['protocol'],
    forbid: [
      [REACT_AND_DOM, 'core is framework-free: never React or the DOM'],
      [NODE_ONLY, 'core runs in browsers: no Node-only modules'],
    ],
  },
  // The memory transport is handed a reference-server *instance* by its user; it needs the
  // server's interface type only, never its code (that would bundle the server into every app).
  'transports/memory': { uses: ['core', 'protocol'], typesFrom: ['server'], forbid: [[REACT_AND_DOM, 'transports sit below react']] },
  // The WebSocket transport runs in browsers: the socket constructor is the global one or is
  // passed in (Node users pass `ws`'s), so it never imports a Node module or `ws` itself.
  'transports/websocket': {
    uses: ['core', 'protocol'],
    forbid: [
      [REACT_AND_DOM, 'transports sit below react'],
      [NODE_ONLY, "the WebSocket transport runs in browsers: pass `ws`'s WebSocket as an option in Node instead of importing it"],
    ],
  },
  'transports/*': { uses: ['core', 'protocol'], forbid: [[REACT_AND_DOM, 'transports sit below react']] },
  react: {
    uses: ['core', 'protocol'],
    forbid: [[NODE_ONLY, 'react runs in browsers: no Node-only modules']],
  },
  ui: {
    uses: ['react', 'protocol'],
    typesFrom: ['core'],
    forbid: [
      [NODE_ONLY, 'ui runs in browsers: no Node-only modules'],
      [EMOJI_MART, "emoji-mart is an optional peer, and a bundler fails on an import of a missing package: only src/emoji-mart imports it, and the ui gets it through the `emoji` option"],
    ],
  },
  // `confab-chat/emoji-mart`: the emoji source backed by emoji-mart, the one place that imports it.
  'emoji-mart': { uses: [], typesFrom: ['ui'], forbid: [[NODE_ONLY, 'emoji-mart runs in browsers: no Node-only modules']] },
  widget: {
    uses: ['ui', 'emoji-mart', 'react', 'core', 'transports/*', 'server', 'protocol'],
    forbid: [[NODE_ONLY, 'the widget runs in browsers: no Node-only modules']],
  },
  // A typed client of the admin API for an app's backend (fetch only): protocol types and errors.
  admin: {
    uses: ['protocol'],
    forbid: [
      [REACT_AND_DOM, 'the admin client runs on servers: never React or the DOM'],
      [BROWSER_STORAGE, 'the admin client keeps nothing'],
    ],
  },
  // The Node host of the reference server (HTTP, WebSocket, tokens, CLI). Node only; never bundled for browsers.
  // It uses the admin client for the operator's subcommands (`confab-server user add`).
  host: {
    uses: ['protocol', 'server', 'admin'],
    forbid: [
      [REACT_AND_DOM, 'the host is a Node server: never React or the DOM'],
      [BROWSER_STORAGE, 'the host keeps state in the reference server: no browser storage'],
    ],
  },
  testing: { uses: ['core', 'transports/memory', 'server', 'react', 'protocol'], forbid: [] },
  // `confab-chat/bot`: a bot is a user over the WebSocket transport (any transport in tests and
  // in-page demos); with an admin key it signs its own tokens through the admin client.
  bot: {
    uses: ['core', 'transports/websocket', 'admin', 'protocol'],
    forbid: [
      [REACT_AND_DOM, 'the bot kit runs on servers: never React or the DOM'],
      [NODE_ONLY, "the bot kit takes `ws`'s WebSocket as an option rather than importing Node-only modules (it also runs in a page over the memory transport)"],
    ],
  },
};

/** The unit a path (relative to the project root, with forward slashes) belongs to, or null. */
export function unitOf(rel) {
  const parts = rel.split('/');
  if (parts[0] !== 'src' || parts.length < 3) return null;
  if (parts[1] === 'transports') return parts.length >= 4 ? `transports/${parts[2]}` : null;
  return parts[1] in LAYERS ? parts[1] : null;
}

function configOf(unit) {
  return LAYERS[unit] ?? (unit.startsWith('transports/') ? LAYERS['transports/*'] : undefined);
}

function matches(list, unit) {
  return (list ?? []).some((u) => u === unit || (u === 'transports/*' && unit.startsWith('transports/')));
}

const INDEX = /^(index(\.(ts|tsx|js))?)?$/;

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer directions of docs/architecture.md and public-index-only imports between layers' },
    schema: [],
    messages: {
      unknownLayer: "'{{file}}' is in no known layer. Add its folder to eslint/layers.js and docs/architecture.md.",
      notAllowed: "Layer '{{from}}' may not import '{{to}}' ({{spec}}). Allowed: {{allowed}}.",
      typeOnly: "Layer '{{from}}' may use only types from '{{to}}': write `import type … from '{{spec}}'`.",
      notIndex: "Import another layer only through its public index: '{{suggest}}', not '{{spec}}'.",
      forbiddenPackage: "'{{spec}}' is not allowed in '{{from}}': {{reason}}.",
      selfName: "Inside src/ import other layers by relative path to their index, not as '{{spec}}'.",
      publicName: "Import Confab by its public entry name (e.g. 'confab-chat', 'confab-chat/core'), not by path into src/ ('{{spec}}').",
    },
  },
  create(context) {
    const root = context.cwd;
    const filename = context.filename;
    const rel = path.relative(root, filename).split(path.sep).join('/');
    if (rel.startsWith('..')) return {};

    const fromUnit = unitOf(rel);
    const inSrc = rel.startsWith('src/');
    const isPublicUser = rel.startsWith('playground/') || rel.startsWith('stories/');
    if (!inSrc && !isPublicUser) return {};

    if (inSrc && !fromUnit) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unknownLayer', data: { file: rel } });
        },
      };
    }

    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string') return;
      const relative = spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..';

      if (!relative) {
        if (isPublicUser) return;
        if (spec === 'confab-chat' || spec.startsWith('confab-chat/')) {
          context.report({ node, messageId: 'selfName', data: { spec } });
          return;
        }
        for (const [pattern, reason] of configOf(fromUnit).forbid) {
          if (pattern.test(spec)) {
            context.report({ node, messageId: 'forbiddenPackage', data: { spec, from: fromUnit, reason } });
            return;
          }
        }
        return;
      }

      const target = path.relative(root, path.resolve(path.dirname(filename), spec)).split(path.sep).join('/');
      if (isPublicUser) {
        if (target === 'src' || target.startsWith('src/')) context.report({ node, messageId: 'publicName', data: { spec } });
        return;
      }

      const toUnit = unitOf(`${target}/`);
      if (toUnit === fromUnit) return;
      if (!toUnit) {
        // Outside every layer (e.g. ../../package.json): only a layer's own files are ours to check.
        if (target.startsWith('src/') || target === 'src') {
          context.report({ node, messageId: 'notAllowed', data: { from: fromUnit, to: target, spec, allowed: describe(fromUnit) } });
        }
        return;
      }

      const cfg = configOf(fromUnit);
      if (!matches(cfg.uses, toUnit)) {
        if (matches(cfg.typesFrom, toUnit)) {
          if (!typeOnly) {
            context.report({ node, messageId: 'typeOnly', data: { from: fromUnit, to: toUnit, spec } });
            return;
          }
        } else {
          context.report({ node, messageId: 'notAllowed', data: { from: fromUnit, to: toUnit, spec, allowed: describe(fromUnit) } });
          return;
        }
      }

      const rest = target.slice(`src/${toUnit}`.length).replace(/^\//, '');
      if (!INDEX.test(rest)) {
        const suggest = path.posix.relative(path.posix.dirname(rel), `src/${toUnit}`);
        context.report({ node, messageId: 'notIndex', data: { spec, suggest: suggest.startsWith('.') ? suggest : `./${suggest}` } });
      }
    }

    function describe(unit) {
      const cfg = configOf(unit);
      const uses = cfg.uses.length ? cfg.uses.join(', ') : 'nothing of ours';
      return cfg.typesFrom?.length ? `${uses}; types only from ${cfg.typesFrom.join(', ')}` : uses;
    }

    const literal = (n) => (n && n.type === 'Literal' ? n.value : undefined);

    return {
      ImportDeclaration(node) {
        check(node.source, node.source.value, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node.source, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node.source, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        check(node.source, literal(node.source), false);
      },
      TSImportType(node) {
        // typescript-eslint ≥ 8.x names the string `source`; older versions wrap it in `argument`.
        const arg = node.source ?? node.argument?.literal;
        check(arg ?? node, literal(arg), true);
      },
      TSExternalModuleReference(node) {
        check(node.expression, literal(node.expression), false);
      },
    };
  },
};

export default {
  meta: { name: 'confab-layers' },
  rules: { layers: rule },
};
