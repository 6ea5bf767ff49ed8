import { errorBodySchema } from '@guild/contracts';
import { z } from 'zod';
import type { AnyRouteDefinition } from './route.js';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown>;

// OpenAPI 3.1 speaks JSON Schema 2020-12, which zod emits natively. Requests are documented as
// clients send them (before defaults and coercion), responses as the server sends them.
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

/** `/queries/:id` → `/queries/{id}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function operationIdOf(route: AnyRouteDefinition): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^:/, 'by-'))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return route.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

const idempotencyKeyParameter: JsonSchema = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key from the same caller within 24 hours answers the first response ' +
    '(status and body, with `Idempotent-Replayed: true`) without creating anything again. The same key ' +
    'with a different request is 422; while the first request is still running, 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

function parametersOf(route: AnyRouteDefinition): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  for (const location of ['path', 'query'] as const) {
    const schema = location === 'path' ? route.params : route.query;
    if (!schema) continue;
    const json = jsonSchemaOf(schema, 'input');
    const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json['required'] ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...propertySchema } = property;
      parameters.push({
        name,
        in: location,
        required: location === 'path' || required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: propertySchema,
      });
    }
  }
  if (route.idempotent) parameters.push(idempotencyKeyParameter);
  return parameters;
}


const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

function responsesOf(route: AnyRouteDefinition): Record<string, unknown> {
  const status = String(route.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]: {
      description: route.summary,
      ...(status === '204' ? {} : { content: { 'application/json': { schema: jsonSchemaOf(route.response, 'output') } } }),
    },
    '400': errorResponse('The request is invalid: malformed JSON, or fields that fail validation (listed in `fields`).'),
  };
  if (route.roles !== 'public') {
    responses['401'] = errorResponse('No bearer token, or an expired or invalid one.');
    responses['403'] = errorResponse('The caller’s role may not use this route.');
  }
  responses['404'] = errorResponse('Not found, or not visible to the caller.');
  if (route.idempotent) {
    responses['409'] = errorResponse('A request with the same Idempotency-Key is still being processed (`idempotency_key_in_use`).');
    responses['422'] = errorResponse('The Idempotency-Key was already used with a different request.');
  }
  if (route.body) responses['413'] = errorResponse('The request body is larger than the service accepts.');
  responses['500'] = errorResponse('Unexpected failure; the request id identifies it in the logs.');
  return responses;
}

function descriptionOf(route: AnyRouteDefinition): string {
  const access =
    route.roles === 'public' ? 'Access: public (no token needed).' : `Roles: ${route.roles.join(', ')}.`;
  return route.description ? `${route.description}\n\n${access}` : access;
}

/** The OpenAPI 3.1 document of a service, derived from the same schemas that validate its requests. */
export function buildOpenApiDocument(
  info: { name: string; version: string },
  routes: readonly AnyRouteDefinition[],
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      operationId: operationIdOf(route),
      summary: route.summary,
      description: descriptionOf(route),
      ...(route.tags ? { tags: route.tags } : {}),
      security: route.roles === 'public' ? [] : [{ bearerAuth: [] }],
    };
    const parameters = parametersOf(route);
    if (parameters.length > 0) operation['parameters'] = parameters;
    if (route.body) {
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } },
      };
    }
    operation['responses'] = responsesOf(route);
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: `${info.name} service`, version: info.version },
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ErrorBody: jsonSchemaOf(errorBodySchema, 'output') },
    },
  };
}
