import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { consoleBuildDirectory, registerConsole } from './console-static';

describe('registerConsole', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-console-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('serves the built files under /console/ with a same-origin-only policy, and redirects /console', async () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'export {};');
    const app = Fastify();
    registerConsole(app, root);
    const index = await app.inject({ url: '/console/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>console</title>');
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/console/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/console' })).headers.location).toBe('/console/');
    expect((await app.inject({ url: '/console/../package.json' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/console/assets/missing.js' })).statusCode).toBe(404);
    await app.close();
  });

  it('answers a problem naming the build when the console was not built', async () => {
    const app = Fastify();
    registerConsole(app, tempDir());
    const answer = await app.inject({ url: '/console/' });
    expect(answer.statusCode).toBe(503);
    expect((await app.inject({ url: '/console' })).headers.location).toBe('/console/');
    expect(answer.json()).toMatchObject({ code: 'console_not_built', detail: expect.stringContaining('npm run build') });
    await app.close();
  });

  it('serves the same routes built or not, so a build never changes what the server serves', async () => {
    const routes = async (root: string) => {
      const app = Fastify();
      registerConsole(app, root);
      await app.ready();
      // Methods in a stable order: "(HEAD, GET)" and "(GET, HEAD)" are the same routes.
      const printed = app.printRoutes({ commonPrefix: false }).replace(/\(([^)]*)\)/g, (_all, methods: string) => `(${methods.split(', ').sort().join(', ')})`);
      await app.close();
      return printed;
    };
    const built = tempDir();
    fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html>');
    expect(await routes(built)).toBe(await routes(tempDir()));
  });

  it('finds dist/console at the repository root, from the sources or from dist', () => {
    const root = path.resolve(__dirname, '../../../..');
    expect(consoleBuildDirectory(__dirname)).toBe(path.join(root, 'dist', 'console'));
    expect(consoleBuildDirectory(path.join(root, 'dist', 'apps', 'api', 'src', 'console'))).toBe(path.join(root, 'dist', 'console'));
  });
});
