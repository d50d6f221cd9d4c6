import type { AppConfig } from '@app/config';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One JSON line per request (correlation id, route, status, duration) and no secrets or personal
 * data: headers are reduced to what operators need, bodies are never logged.
 */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      ...(config.logPretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
      genReqId: (req: IncomingMessage) => correlationIdOf(req),
      customProps: (req: IncomingMessage) => ({ correlationId: correlationIdOf(req) }),
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: { method: string; url: string; routeOptions?: { url?: string }; raw?: { routeOptions?: { url?: string } } }) => ({
          method: req.method,
          // The path only: query strings may carry customer ids or e-mails.
          url: req.url.split('?')[0],
        }),
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
