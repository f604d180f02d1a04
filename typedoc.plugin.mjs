// @ts-check
/**
 * TypeDoc plugin for Confab's API reference (`npm run docs`).
 *
 * The protocol's types are inferred from valibot schemas (`v.InferOutput<typeof Schema>`), and
 * valibot types an optional key through two mapped types at once (its `MarkOptional`), so the
 * compiler lists the one schema property twice among the declarations of that key. TypeDoc then
 * warns that the property "has multiple declarations with a comment", naming the same file and
 * line twice. Those warnings, and only those whose declarations are all one and the same line,
 * are dropped here; any real conflict (two places, two comments) is still reported.
 */

const MULTIPLE = 'has multiple declarations with a comment';

/** @param {import('typedoc').Application} app */
export function load(app) {
  const logger = app.logger;
  const warn = logger.warn.bind(logger);
  const info = logger.info.bind(logger);
  /** @type {Parameters<typeof logger.warn> | null} */
  let held = null;

  logger.warn = (...args) => {
    if (held) warn(...held);
    held = null;
    if (typeof args[0] === 'string' && args[0].includes(MULTIPLE)) {
      held = args;
      return;
    }
    warn(...args);
  };

  logger.info = (...args) => {
    if (held) {
      const lines = String(args[0]).split('\n').slice(1).map((line) => line.trim());
      const oneLine = lines.length > 1 && lines.every((line) => line === lines[0]);
      if (!oneLine) {
        warn(...held);
        info(...args);
      }
      held = null;
      return;
    }
    info(...args);
  };
}
