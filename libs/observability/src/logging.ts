import type { AppConfig } from '@app/config';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ROUTE_TEMPLATE = Symbol.for('order-management.routeTemplate');

/** Probes and scrapes: every few seconds, and nothing to investigate in a line per call. */
const UNLOGGED_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

type TaggedRequest = IncomingMessage & { [ROUTE_TEMPLATE]?: string };

/** Remembers the matched route template (`/orders/:orderId`) on the raw request for its log line. */
export function tagRouteTemplate(raw: IncomingMessage, route: string | undefined): void {
  if (route) (raw as TaggedRequest)[ROUTE_TEMPLATE] = route;
}

export interface LoggingOptions {
  /** Path parameters logged with their value when it matches the pattern (an id, never an e-mail sent in its place). */
  loggedParams?: Record<string, RegExp>;
}

/**
 * One JSON line per request (correlation id, method, route template, status, duration) and no
 * secrets or personal data: the path is never logged as sent (`/orders/<an e-mail>` would be),
 * only its route template (`/orders/:orderId`) and the parameters named in `loggedParams` whose
 * value has their shape; headers are reduced to what operators need, bodies and query strings
 * are never logged.
 */
export function loggingParams(config: AppConfig, options: LoggingOptions = {}): Params {
  // Written when the request completes: the route is known by then (not when pino-http first sees the request).
  const withRoute = (req: IncomingMessage, fields: object) => {
    const route = (req as TaggedRequest)[ROUTE_TEMPLATE];
    return { ...fields, route: route ?? 'unmatched', ...loggedParams(pathOf(req), route, options.loggedParams ?? {}) };
  };
  return {
    pinoHttp: {
      level: config.logLevel,
      ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
      genReqId: (req: IncomingMessage) => correlationIdOf(req),
      customProps: (req: IncomingMessage) => ({ correlationId: correlationIdOf(req) }),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      customSuccessObject: (req: IncomingMessage, _res: ServerResponse, fields: object) => withRoute(req, fields),
      customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, fields: object) => withRoute(req, fields),
      serializers: {
        req: (req: { method: string }) => ({ method: req.method }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.email', '*.name', '*.shippingAddress'], remove: true },
      // The middleware calling this sees `url` cut to what follows its mount point ("/"); `originalUrl` is the path sent.
      autoLogging: { ignore: (req: IncomingMessage) => UNLOGGED_PATHS.has(pathOf(req)) },
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0];
}

/** The values of the route's parameters named in `allowed` whose value matches its pattern. */
function loggedParams(path: string, route: string | undefined, allowed: Record<string, RegExp>): Record<string, string> {
  if (!route) return {};
  const names = route.split('/');
  const values = path.split('/');
  const logged: Record<string, string> = {};
  names.forEach((name, index) => {
    const pattern = name.startsWith(':') ? allowed[name.slice(1)] : undefined;
    if (!pattern || values[index] === undefined) return;
    let value: string;
    try {
      value = decodeURIComponent(values[index]);
    } catch {
      return;
    }
    if (pattern.test(value)) logged[name.slice(1)] = value;
  });
  return logged;
}

function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers['x-correlation-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && given.length <= 128 ? given : ((req as IncomingMessage & { id?: string }).id ?? 'none');
}
