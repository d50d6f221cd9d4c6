/** The running app's own OpenAPI description, read as the list of operations the tests cover. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: SchemaObject }>;
  body?: SchemaObject;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: SchemaObject }>; requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method as Operation['method'],
        path,
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: operation.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

/** Follows $ref (and a single allOf) to the schema itself. */
export function resolve(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  let current = schema;
  for (let i = 0; current && i < 10; i += 1) {
    if (current.$ref) current = doc.components?.schemas?.[current.$ref.replace('#/components/schemas/', '')];
    else if (current.allOf?.length === 1) current = current.allOf[0];
    else return current;
  }
  return current;
}

/** The schema of the value at `path` (object keys and array indexes) inside `root`. */
export function schemaAt(doc: OpenApiDocument, root: SchemaObject | undefined, path: Array<string | number>): SchemaObject | undefined {
  let current = resolve(doc, root);
  for (const step of path) {
    if (!current) return undefined;
    current = resolve(doc, typeof step === 'number' ? current.items : current.properties?.[step]);
  }
  return current;
}

/** Text that only some values fit (an id pattern, an enum, a date format). */
export function isConstrainedText(schema: SchemaObject | undefined): boolean {
  return Boolean(schema && (schema.pattern || schema.enum || schema.format));
}
