import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The kit's parts, their styles and the widget write state as data-* attributes from one
// vocabulary, written down in src/styles/README.md. This keeps the code and the table in step.
const ROOTS = ['src/ui', 'src/styles', 'src/widget'];
const README = readFileSync('src/styles/README.md', 'utf8');
/** The widget's script-tag options are inputs read from the page, not state (src/widget/options.ts). */
const INPUTS = new Set(['src/widget/options.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(tsx?|css)$/.test(entry.name) && !INPUTS.has(path) ? [path] : [];
  });
}

/** Every data-* name written or selected in a file, from JSX/CSS (`data-own`) and dataset reads (`dataset['clientId']`). */
function attributesIn(text: string): string[] {
  const written = [...text.matchAll(/\bdata-([a-z][a-z-]*[a-z])\b/g)].map((match) => match[1]!);
  const read = [...text.matchAll(/\bdataset(?:\.|\[')([a-zA-Z]+)/g)].map((match) => match[1]!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`));
  return [...written, ...read];
}

const used = new Map<string, string>();
for (const file of ROOTS.flatMap(sources)) {
  for (const name of attributesIn(readFileSync(file, 'utf8'))) if (!used.has(name)) used.set(name, file);
}

describe('the data-* vocabulary', () => {
  it('documents every attribute the parts, styles and widget use', () => {
    const undocumented = [...used].filter(([name]) => name !== 'testid' && !README.includes(`\`data-${name}\``)).map(([name, file]) => `data-${name} (${file})`);
    expect(undocumented).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });

  it('has one name per meaning: the retired synonyms are gone', () => {
    // "mine" is data-own; "loading" and "busy" are data-state="loading"; armed is data-confirming.
    for (const retired of ['mine', 'me', 'busy', 'loading', 'armed', 'open']) expect(used.has(retired), `data-${retired}`).toBe(false);
  });
});
