/**
 * The back-office console (docs/console.md): the files `npm run build` makes from console/ into
 * dist/console, served as public static assets under /console. The data the console shows comes
 * from the API itself with the signed-in user's bearer token; nothing here needs one.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem } from '../http/problem';

export const CONSOLE_PREFIX = '/console/';


/** dist/console beside the compiled app (dist/apps/...) or, from the sources (tests), under the repository's dist/. */
export function consoleBuildDirectory(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'console');
}

/**
 * Two routes whatever the state of the build (`GET /console` and `GET /console/*`), so what the
 * server serves never depends on whether, or when, the console was built: files are looked up
 * per request, and a console not built (yet) answers 503 naming the build.
 */
export function registerConsole(fastify: FastifyInstance, root = consoleBuildDirectory()): void {
  fastify.get(CONSOLE_PREFIX.slice(0, -1), (_request, reply) => reply.redirect(CONSOLE_PREFIX, 301));
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    fastify.get(`${CONSOLE_PREFIX}*`, async (_request, reply) =>
      reply.status(503).header('content-type', 'application/problem+json; charset=utf-8')
        .send(JSON.stringify(problem(503, 'console_not_built', 'The console is not built: run npm run build.'))));
    return;
  }
  void fastify.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PREFIX,
    index: ['index.html'],
    cacheControl: false, // set below, per file
    setHeaders: (response, file) => {
      // The content security policy is set with every other answer's (http/security-headers.ts).
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('referrer-policy', 'no-referrer');
      // Hashed asset names never change content; index.html must be re-read to find new ones.
      response.setHeader('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
