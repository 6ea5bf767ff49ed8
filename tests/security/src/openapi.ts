export type JsonSchema = { [keyword: string]: unknown };

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OperationObject {
  description?: string;
  security?: unknown[];
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One path + method of a service, as its OpenAPI document describes it. */
export interface Operation {
  method: string;
  /** The OpenAPI template, e.g. `/queries/{id}`. */
  path: string;
  /** `GET /queries/{id}` */
  label: string;
  /** `security: []`: no token needed. */
  isPublic: boolean;
  /** The roles the description lists (`Roles: customer, expert.`), empty when it lists none. */
  roles: string[];
  pathParameters: ParameterObject[];
  queryParameters: ParameterObject[];
  /** The JSON request body's schema, when the operation takes one. */
  bodySchema: JsonSchema | undefined;
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** Every operation of the document, in its order: nothing is listed by hand, so new routes come in by themselves. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, operation]) => {
        const parameters = operation.parameters ?? [];
        return {
          method: method.toUpperCase(),
          path,
          label: `${method.toUpperCase()} ${path}`,
          isPublic: Array.isArray(operation.security) && operation.security.length === 0,
          roles: /Roles: ([\w, ]+)\./.exec(operation.description ?? '')?.[1]?.split(/,\s*/) ?? [],
          pathParameters: parameters.filter((p) => p.in === 'path'),
          queryParameters: parameters.filter((p) => p.in === 'query'),
          bodySchema: operation.requestBody?.content?.['application/json']?.schema,
        };
      }),
  );
}

/** `/queries/{id}/attachments/{attachmentId}` → `queries` for `id`, `attachments` for `attachmentId`. */
export function collectionOf(path: string, parameter: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${parameter}}`);
  return at > 0 ? (segments[at - 1] ?? '') : '';
}
