/**
 * The API page and the OpenAPI description must agree (docs/http-api.md). Every route Fastify serves is described
 * with its method, the description is valid OpenAPI 3 (checked by a validator, refs resolved),
 * errors are problem+json, and the bearer scheme is declared exactly where the server asks for
 * a token.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestApp, type TestApp } from '@app/harness';

type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema?: { $ref?: string }; example?: unknown }> }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, Record<string, unknown>> } };

/**
 * The Swagger UI's own files under /docs/ (scripts, styles), and the back-office console's under
 * /console (docs/console.md): pages and their assets, not API routes.
 */
const isDocsAsset = (path: string) => path.startsWith('/docs/') || path.startsWith('/console');

describe('the OpenAPI description (GET /docs-json)', () => {
  let t: TestApp;
  let doc: Document;
  let served: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.http.get('/docs-json')).status).toBe(401);
    doc = (await t.http.get('/docs-json').set(t.as('service')).expect(200)).body;
    served = routesOf(t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }));
  });
  afterAll(() => t?.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  it('describes every route the server serves, with its method, and nothing it does not serve', () => {
    // HEAD is Fastify's automatic twin of every GET; OpenAPI does not list it.
    const routes = served.filter((r) => r.method !== 'HEAD' && !isDocsAsset(r.path)).map((r) => `${r.method} ${r.path}`);
    const described = operations().map(({ path, method }) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    expect(routes.length).toBeGreaterThan(30);
    expect([...described].sort()).toEqual([...routes].sort());
  });

  it('is a valid OpenAPI 3 document, every $ref resolving', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, operation } of operations()) {
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name).sort();
      expect({ path, params: declared }).toEqual({ path, params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() });
    }
  });

  it('describes the body of every success answer, with tags from one naming style', () => {
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect({ where, some: successes.length > 0 }).toEqual({ where, some: true });
      for (const [status, response] of successes) {
        if (status === '204') continue;
        const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
        expect({ where, status, described: schemas.length > 0 && schemas.every(Boolean) }).toEqual({ where, status, described: true });
      }
      const tags = (operation as { tags?: string[] }).tags ?? [];
      expect({ where, tags: tags.length }).toEqual({ where, tags: 1 });
      expect({ where, tag: tags[0] }).toEqual({ where, tag: expect.stringMatching(/^[A-Z]/) });
    }
  });

  it('answers every error as application/problem+json with the problem schema and an example', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || (path.startsWith('/health') && status === '503')) continue; // /health's 503 is the health report
        const where = `${method.toUpperCase()} ${path} ${status}`;
        expect({ where, types: Object.keys(response.content ?? {}) }).toEqual({ where, types: ['application/problem+json'] });
        const media = response.content!['application/problem+json'];
        expect({ where, schema: media.schema?.$ref }).toEqual({ where, schema: '#/components/schemas/ProblemDto' });
        expect({ where, example: media.example }).toEqual({ where, example: expect.objectContaining({ status: Number(status), code: expect.stringMatching(/^[a-z_]+$/) }) });
      }
    }
  });

  it('renders /docs under its content security policy: every script is a file of its own that loads, nothing inline runs', async () => {
    const page = await t.http.get('/docs').set(t.as('service')).redirects(1);
    expect(page.status).toBe(200);
    const policy = Object.fromEntries(String(page.headers['content-security-policy']).split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) expect({ attributes, inline: inline.trim() }).toEqual({ attributes: expect.stringMatching(/src=/), inline: '' });
    const files = [...page.text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => new URL(m[1], 'http://x/docs').pathname /* as a browser resolves it from the page's URL */);
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const asset = await t.http.get(file).set(t.as('service'));
      expect({ file, status: asset.status, type: asset.headers['content-type'] }).toEqual({ file, status: 200, type: expect.stringMatching(/javascript|css/) });
    }
    // Its initialisation script holds the description, or fetches it from this origin.
    const init = await t.http.get('/docs/swagger-ui-init.js').set(t.as('service'));
    expect(init.status).toBe(200);
    expect(init.text).toMatch(/Order management|docs-json/);
  });

  it('answers the API itself with nosniff, a policy that loads nothing, and no-store', async () => {
    const read = await t.http.get('/orders/no-such-order').set(t.as('service'));
    expect(read.headers['x-content-type-options']).toBe('nosniff');
    expect(read.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(read.headers['cache-control']).toBe('no-store');
  });

  it('declares the bearer scheme on exactly the routes that answer 401 without a token', async () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.bearer).not.toHaveProperty('bearerFormat'); // opaque tokens, not JWTs
    for (const { path, method, operation } of operations()) {
      const url = path.replace(/\{(\w+)\}/g, 'x1');
      const response = await t.http[method as 'get' | 'post'](url);
      const secured = (operation.security ?? []).some((s) => 'bearer' in s);
      const where = `${method.toUpperCase()} ${path}`;
      expect({ where, secured, status: response.status }).toEqual({ where, secured, status: secured ? 401 : expect.any(Number) });
      if (!secured) expect({ where, status: response.status }).not.toEqual({ where, status: 401 });
      // The API description is open to every role: nothing to forbid.
      const everyRole = path === '/docs' || path === '/docs-json';
      if (secured) expect({ where, documents: Object.keys(operation.responses) }).toEqual({ where, documents: expect.arrayContaining(everyRole ? ['401'] : ['401', '403']) });
    }
  });
});

/** Fastify's route tree (`printRoutes({ commonPrefix: false })`) as method + full path pairs. */
function routesOf(tree: string): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([\s│]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    prefixes[depth] = (depth ? prefixes[depth - 1] : '') + match[2];
    prefixes.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, path: prefixes[depth] });
  }
  return routes;
}
