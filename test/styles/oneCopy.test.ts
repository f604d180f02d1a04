// One copy of every rule: the feature stylesheets do not repeat what the shell's rules already say.
import { readFileSync } from 'node:fs';

interface Rule {
  selector: string;
  declarations: string[];
}

/** The plain rules of a stylesheet (comments dropped), each with its declarations as written. */
function rulesOf(file: string): Rule[] {
  const css = readFileSync(`src/styles/${file}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...css.matchAll(/([^{}]+)\{([^{}]+)\}/g)].map((match) => ({
    selector: (match[1] ?? '').trim().replace(/\s+/g, ' '),
    declarations: (match[2] ?? '')
      .split(';')
      .map((declaration) => declaration.trim().replace(/\s+/g, ' '))
      .filter(Boolean),
  }));
}

/** A rule of five or more declarations that another rule holds all of is a near-copy: name it in that rule's selector instead. */
const MIN_DECLARATIONS = 5;

describe('the feature stylesheets', () => {
  it.each(['people.css', 'reading.css'])('%s repeats no rule of shell.css', (file) => {
    const shell = rulesOf('shell.css');
    const copies = rulesOf(file)
      .filter((rule) => rule.declarations.length >= MIN_DECLARATIONS)
      .flatMap((rule) => shell.filter((original) => rule.declarations.every((declaration) => original.declarations.includes(declaration))).map((original) => `${rule.selector} ~ ${original.selector}`));
    expect(copies).toEqual([]);
  });
});
