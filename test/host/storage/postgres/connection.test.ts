import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { inlineParameters } from '../../../../src/host/storage/postgres/connection';

const query = (sql: string, parameters: unknown[]): CompiledQuery => ({ sql, parameters, query: { kind: 'RawNode', sqlFragments: [], parameters: [] } }) as unknown as CompiledQuery;
const escape = (text: string) => pg.escapeLiteral(text);

describe('batched statements with their parameters written as literals', () => {
  it('writes strings through pg’s escaping, numbers as numbers (negative ones in parentheses), null as NULL', () => {
    expect(inlineParameters(query('select $1, $2, $3, $4, $5', ["it's", 'back\\slash', 42, -1, null]), escape)).toBe(
      "select 'it''s',  E'back\\\\slash', 42, (-1), NULL",
    );
  });

  it('replaces $10 as itself, not as $1 followed by 0, and leaves dollar signs inside values alone', () => {
    const parameters = Array.from({ length: 10 }, (_, index) => `v${index + 1}`);
    parameters[0] = '$2';
    expect(inlineParameters(query('select $1, $10', parameters), escape)).toBe("select '$2', 'v10'");
  });

  it('refuses what it cannot write as a literal', () => {
    expect(() => inlineParameters(query('select $1', [Number.NaN]), escape)).toThrow(TypeError);
    expect(() => inlineParameters(query('select $1', [{ a: 1 }]), escape)).toThrow(TypeError);
  });
});
