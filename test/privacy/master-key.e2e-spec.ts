/**
 * The master key that wraps every customer's data key: a different one stops the start with a
 * message naming PII_MASTER_KEY (a key check value is stored beside the keys), the right one
 * reads everything back; on the embedded default it is generated once, owner-only, in DATA_DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '@app/api/bootstrap';
import { ConfigError, loadConfig } from '@app/config';
import { MASTER_KEY_FILE } from '@app/privacy';
import { createTestDatabase, expectOk, TOKENS, type TestDatabase } from '@app/harness';
import { distinctCustomer, orderFor } from './support/personal-data';

const newKey = () => randomBytes(32).toString('base64');

describe('the personal-data master key', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-pii-'));
    dirs.push(dir);
    return dir;
  };
  const configOf = (env: Record<string, string>) => loadConfig({
    API_TOKENS: Object.entries(TOKENS).map(([role, token]) => `${role}:${token}`).join(','),
    LOG_LEVEL: 'silent',
    LOG_PRETTY: '0',
    ...env,
  });
  async function start(env: Record<string, string>): Promise<{ app: NestFastifyApplication; http: ReturnType<typeof request> }> {
    const app = await createApp(configOf(env));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return { app, http: request(app.getHttpServer()) };
  }
  const as = (role: keyof typeof TOKENS) => ({ Authorization: `Bearer ${TOKENS[role]}` });
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  describe('on an external database (PII_MASTER_KEY)', () => {
    let db: TestDatabase;
    beforeAll(async () => (db = await createTestDatabase('pii_key')));
    afterAll(() => db?.drop());

    it('stops a start with another key, naming PII_MASTER_KEY and never showing a key; the right key reads everything back', async () => {
      const right = newKey();
      const wrong = newKey();
      const ana = distinctCustomer('Ana');
      const first = await start({ DATABASE_URL: db.url, DATA_DIR: dataDir(), PII_MASTER_KEY: right });
      const placed = await expectOk(first.http.post('/orders').set(as('service')).send(orderFor(ana)), 201);
      await first.app.close();

      const refusal = await createApp(configOf({ DATABASE_URL: db.url, DATA_DIR: dataDir(), PII_MASTER_KEY: wrong })).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ConfigError);
      expect((refusal as Error).message).toMatch(/^Invalid configuration: PII_MASTER_KEY does not match the master key this database's customer keys were wrapped with/);
      expect((refusal as Error).message).not.toContain(wrong);
      expect((refusal as Error).message).not.toContain(right);
      // Unset on a database set up with an outside key: refused too, rather than a new key kept in the database.
      await expect(createApp(configOf({ DATABASE_URL: db.url, DATA_DIR: dataDir() }))).rejects.toThrow(/PII_MASTER_KEY is unset, but this database's customer keys are wrapped/);

      const again = await start({ DATABASE_URL: db.url, DATA_DIR: dataDir(), PII_MASTER_KEY: right });
      try {
        const history = await expectOk(again.http.get(`/orders/${placed.body.orderId}/events`).set(as('auditor')));
        expect(history.body.events[0].data.customer).toEqual(ana.customer);
      } finally {
        await again.app.close();
      }
    });
  });

  describe('on the embedded default', () => {
    it(`generates ${MASTER_KEY_FILE} once, owner-only, uses it on every start, and refuses a replaced one`, async () => {
      const dir = dataDir();
      const file = path.join(dir, MASTER_KEY_FILE);
      const ana = distinctCustomer('Ana');
      const first = await start({ DATA_DIR: dir });
      let orderId: string;
      try {
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        orderId = (await expectOk(first.http.post('/orders').set(as('service')).send(orderFor(ana)), 201)).body.orderId;
      } finally {
        await first.app.close();
      }
      const key = fs.readFileSync(file, 'utf8');

      const second = await start({ DATA_DIR: dir });
      try {
        expect(fs.readFileSync(file, 'utf8')).toBe(key);
        const history = await expectOk(second.http.get(`/orders/${orderId}/events`).set(as('auditor')));
        expect(history.body.events[0].data.customer).toEqual(ana.customer);
      } finally {
        await second.app.close();
      }

      fs.writeFileSync(file, `${newKey()}\n`, { mode: 0o600 });
      await expect(createApp(configOf({ DATA_DIR: dir }))).rejects.toThrow(/^Invalid configuration: PII_MASTER_KEY does not match .*pii-master\.key/);
    });
  });
});
