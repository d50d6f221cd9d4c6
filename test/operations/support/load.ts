/** Commands sent concurrently to a running service until it stops answering (shutdown tests). */
import { DEFAULT_TOTAL, orderBody, TOKENS, uniqueId } from '@app/harness';

export interface Answer {
  orderId: string;
  revision: number;
  position: string;
  events: string[];
}

/** Bounds the load if the service never stops answering. */
const MAX_ORDERS_PER_CALLER = 200;

/**
 * `callers` concurrent callers place an order and confirm its payment, again and again. Once
 * `before` commands have been answered 2xx, `stop` runs (e.g. SIGTERM, then wait for the exit)
 * while they keep sending; each caller ends at its first request the service does not answer
 * (connection refused or reset, or 503 while closing). Resolves with every 2xx answer.
 */
export async function placeAndPayUntilStopped(url: string, before: number, stop: () => Promise<void>, callers = 8): Promise<Answer[]> {
  const answers: Answer[] = [];
  let stopping: Promise<void> | null = null;
  const send = async (path: string, body: object): Promise<boolean> => {
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKENS.service}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      return false; // refused or reset: the server is gone or going
    }
    const text = await response.text().catch(() => null);
    if (response.status === 503 || text === null) return false;
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${text}`);
    answers.push(JSON.parse(text) as Answer);
    if (answers.length >= before) stopping ??= stop();
    return true;
  };
  const caller = async () => {
    for (let i = 0; i < MAX_ORDERS_PER_CALLER; i += 1) {
      const body = orderBody();
      if (!(await send('/orders', body))) return;
      if (!(await send(`/orders/${String(body.orderId)}/payment/confirm`, { transactionId: uniqueId('t'), amount: DEFAULT_TOTAL }))) return;
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  await (stopping ?? stop());
  return answers;
}
