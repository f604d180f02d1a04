import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { ErrorBodySchema, ExportRecordSchema } from './schemas';
import type { AdminRoute } from './routes';

function schemaOf(schema: v.GenericSchema, typeMode: 'input' | 'output'): Record<string, unknown> {
  // Custom checks (reserved ids, safe custom data) have no JSON Schema form; they are described by the errors.
  const { $schema: _drop, ...json } = toJsonSchema(schema, { target: 'draft-2020-12', errorMode: 'ignore', typeMode }) as Record<string, unknown>;
  return json;
}

/**
 * The OpenAPI 3.1 document of the admin API, made from the route table and its valibot schemas
 * (never written by hand, so it cannot drift from what the routes accept).
 *
 * @example
 * const document = buildOpenApiDocument(ADMIN_ROUTES, '/admin/v1');
 */
export function buildOpenApiDocument(routes: readonly AdminRoute[], prefix: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: 'A typed error with a sentence', content: { 'application/json': { schema: schemaOf(ErrorBodySchema, 'output') } } };
  for (const route of routes) {
    const parameters: unknown[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (route.query) {
      const query = schemaOf(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(query.properties ?? {})) parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, schema });
    }
    const operation: Record<string, unknown> = {
      tags: [route.tag],
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/\W+(\w)/g, (_match, letter: string) => letter.toUpperCase())}`,
      parameters,
      responses: {
        [String(route.status ?? 200)]: {
          description: route.ndjsonResponse ? 'NDJSON: one record of this schema a line' : 'Success',
          content: { [route.ndjsonResponse ? 'application/x-ndjson' : 'application/json']: { schema: schemaOf(route.response, 'output') } },
        },
        400: error,
        401: error,
        403: error,
        404: error,
        409: error,
        413: error,
      },
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    if (route.ndjsonBody) {
      operation.requestBody = { required: true, description: 'An export: NDJSON, one record a line', content: { 'application/x-ndjson': { schema: schemaOf(ExportRecordSchema, 'input') } } };
    }
    (paths[`${prefix}${route.path}`] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Confab admin API', version: '1.0.0', description: 'Server-to-server: send the admin key as a bearer token. Never call it from a browser.' },
    components: { securitySchemes: { adminKey: { type: 'http', scheme: 'bearer' } } },
    security: [{ adminKey: [] }],
    paths,
  };
}
