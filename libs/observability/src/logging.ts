import type { AppConfig } from '@app/config';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ROUTE_TEMPLATE = Symbol.for('order-management.routeTemplate');

type TaggedRequest = IncomingMessage & { [ROUTE_TEMPLATE]?: string };

/** Remembers the matched route template (`/orders/:orderId`) on the raw request for its log line. */
export function tagRouteTemplate(raw: IncomingMessage, route: string | undefined): void {
  if (route) (raw as TaggedRequest)[ROUTE_TEMPLATE] = route;
}

/**
 * One JSON line per request (correlation id, method, path, route template, status, duration) and
 * no secrets or personal data: headers are reduced to what operators need, bodies are never
 * logged, query strings are cut (they may carry customer ids or e-mails).
 */
export function loggingParams(config: AppConfig): Params {
  const withRoute = (req: IncomingMessage, fields: object) => {
    const route = (req as TaggedRequest)[ROUTE_TEMPLATE];
    return route ? { ...fields, route } : fields;
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
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.email', '*.name', '*.shippingAddress'], remove: true },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}

function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers['x-correlation-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && given.length <= 128 ? given : ((req as IncomingMessage & { id?: string }).id ?? 'none');
}
