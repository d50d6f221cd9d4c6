/**
 * Response headers against browsers misreading answers (docs/operations.md "HTTP limits"), with
 * @fastify/helmet: `X-Content-Type-Options: nosniff` and the rest of helmet's defaults, and a
 * content security policy that lets nothing load: the API answers JSON, never a page. /docs is
 * one page, the console (/console) another, the customers' tracking page (/track/...) the third: Swagger UI's scripts and styles are its own files under /docs/ (no inline
 * script), plus an inline style block and data: images. Every answer is `Cache-Control:
 * no-store` unless a route says otherwise: orders, events and states carry customers' personal
 * data, and no shared cache should keep any of it.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The console (docs/console.md): same origin only, nothing inline: it makes no request beyond
 * this service (no CDN, fonts or analytics), and an injected script or style could not run.
 */
const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The customers' tracking page (docs/tracking.md): one self-contained document, its inline style and nothing else. */
const TRACKING_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const under = (prefix: string) => (url: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
const isDocs = under('/docs');
const isConsole = under('/console');
const isTracking = under('/track');

function policyFor(url: string): string {
  if (isDocs(url)) return DOCS_POLICY;
  if (isConsole(url)) return CONSOLE_POLICY;
  if (isTracking(url)) return TRACKING_POLICY;
  return API_POLICY;
}

export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, { global: true, contentSecurityPolicy: false });
  // Synchronous on purpose: an async onSend defers the write, and Swagger UI's handlers (which
  // send without returning the reply) then see their answer sent twice.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('content-security-policy', policyFor(request.url));
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

export const CONTENT_SECURITY_POLICY = { api: API_POLICY, docs: DOCS_POLICY, console: CONSOLE_POLICY, tracking: TRACKING_POLICY };
