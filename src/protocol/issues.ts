import * as v from 'valibot';

/** How a value reads in a sentence: its kind, and itself when short. */
function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  switch (typeof input) {
    case 'string':
      return input.length <= 30 ? `the string ${JSON.stringify(input)}` : 'a string';
    case 'number':
      return Number.isFinite(input) ? `the number ${input}` : 'a number that is not finite';
    case 'boolean':
      return input ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof input;
  }
}

/** What valibot's `expected` names (number, string, Array, ("a" | "b"), …) as words. */
function describeExpected(expected: string | null): string {
  if (expected === null) return 'something else';
  const choices = expected.replace(/^\(|\)$/g, '').split(' | ');
  if (choices.length > 1 || /^".*"$/.test(expected)) {
    if (choices.every((choice) => /^".*"$/.test(choice))) {
      return choices.length === 1 ? `exactly ${choices[0]}` : `one of ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
    }
  }
  const named: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    Array: 'an array',
    Object: 'an object',
    never: 'absent',
  };
  return named[expected] ?? expected;
}

/** The issue's requirement, as a number when it is one. */
function requirementOf(issue: v.BaseIssue<unknown>): unknown {
  return (issue as { requirement?: unknown }).requirement;
}

/** Sizes of strings are characters, of arrays items. */
function sizeOf(input: unknown): string {
  if (typeof input === 'string') return `${[...input].length} characters`;
  if (Array.isArray(input)) return `${input.length} items`;
  return describeValue(input);
}

function unit(input: unknown, count: unknown): string {
  return typeof input === 'string' ? `${String(count)} characters` : `${String(count)} items`;
}

/**
 * Turns schema issues into one sentence a developer can act on, naming the field of the first
 * problem: 'The command is missing "roomId".', '"limit" must be a number, not the string "5".'.
 * Messages written into the schemas themselves ("An id must not be empty.") are kept, with the
 * field named. `subject` names what was parsed ("command", "event", "frame").
 *
 * @example
 * const result = v.safeParse(CommandSchema, input);
 * if (!result.success) throw new ChatError('invalid', describeIssues(result.issues));
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], subject = 'command'): string {
  const first = issues[0];
  if (!first) return `The ${subject} is not valid.`;
  const path = v.getDotPath(first);
  const field = path ? `"${path}"` : `The ${subject}`;
  const input = first.input;

  if (first.kind === 'schema' && first.type === 'variant') {
    // A wrong or missing discriminator: valibot lists every allowed value, which helps nobody.
    const key = path?.split('.').pop() ?? 'type';
    const nested = path !== null && path.includes('.');
    const where = nested ? ` (at "${path}")` : '';
    // The whole input is not an object at all (null, a string, an array).
    const root = path === null ? input : first.path?.[0]?.input;
    if (!nested && (typeof root !== 'object' || root === null || Array.isArray(root))) {
      return `A ${subject} must be a JSON object with a "${key}", not ${describeValue(root)}.`;
    }
    if (input === undefined) return `The ${subject} has no "${key}"${where}.`;
    return `Unknown ${subject} ${key} ${JSON.stringify(String(input).slice(0, 40))}${where}.`;
  }
  // Sentences written into the schema say it best; name the field they are about.
  if (!/^Invalid \w+/.test(first.message)) {
    const message = first.message.endsWith('.') ? first.message.slice(0, -1) : first.message;
    return path ? `${message} (at "${path}").` : `${message}.`;
  }
  if (first.kind === 'schema' && input === undefined && path) return `The ${subject} is missing "${path}".`;
  if (first.kind === 'schema') {
    return `${field} must be ${describeExpected(first.expected)}, not ${describeValue(input)}.`;
  }
  const requirement = requirementOf(first);
  switch (first.type) {
    case 'integer':
      return `${field} must be a whole number, not ${describeValue(input)}.`;
    case 'min_value':
      return `${field} must be at least ${String(requirement)}, not ${describeValue(input)}.`;
    case 'max_value':
      return `${field} must be at most ${String(requirement)}, not ${describeValue(input)}.`;
    case 'min_length':
      return `${field} must have at least ${unit(input, requirement)}; it has ${sizeOf(input)}.`;
    case 'max_length':
      return `${field} may have at most ${unit(input, requirement)}; it has ${sizeOf(input)}.`;
    case 'length':
      return `${field} must have exactly ${unit(input, requirement)}; it has ${sizeOf(input)}.`;
    default:
      return `${field} is not valid: ${describeValue(input)} does not pass the ${first.type.replace(/_/g, ' ')} check.`;
  }
}
