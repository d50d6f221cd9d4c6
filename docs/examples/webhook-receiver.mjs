// A minimal receiver of the service's webhooks (docs/outbound.md), with Node's standard library
// only: verifies the Standard Webhooks signature, refuses stale timestamps, skips duplicates by
// event id, and answers 2xx quickly. Run: WEBHOOK_SECRET=whsec_... PORT=8080 node webhook-receiver.mjs
import crypto from 'node:crypto';
import http from 'node:http';

const secret = Buffer.from(process.env.WEBHOOK_SECRET.replace(/^whsec_/, ''), 'base64');
const TOLERANCE_SECONDS = 5 * 60;
const seen = new Set(); // use a table with a unique key on the event id in production

function verified(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  if (!id || !/^\d+$/.test(timestamp ?? '')) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest();
  // Several signatures during a secret rotation: any one matching is enough.
  return (headers['webhook-signature'] ?? '').split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8'); // verify the raw body, before any parsing
    if (!verified(req.headers, body)) {
      res.writeHead(401).end();
      return;
    }
    const event = JSON.parse(body);
    if (!seen.has(event.id)) {
      seen.add(event.id);
      // Events of one order (event.subject) arrive in event.sequence order; act on them here.
      console.log(`${event.subject} #${event.sequence} ${event.type}`);
    }
    res.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1');
