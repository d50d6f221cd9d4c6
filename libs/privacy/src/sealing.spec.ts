import { ERASED, foldOrder, redactPersonalData, type OrderEvent } from '@app/ordering';
import {
  ADDRESS, complaintOpened, complaintResolved, complaintResponded, delivered, dispatched, paid, placed, returnApproved,
  returnDispatched,
} from '../../ordering/src/testing/fixtures';
import { timeline } from '../../ordering/src/testing/decider-spec';
import { assertOpened, hasPlaintextPersonalData, hasSealedPersonalData, openEventData, protectEventData } from './event-data';
import { KeyRing, type DataKey } from './key-ring';
import { MasterKey } from './master-key';
import { protectEvents } from './protect';
import { MemoryKeyStore } from './testing/memory-key-store';

/** A story touching every personal field: address with its optional lines, return notes, complaint text. */
const story: OrderEvent[] = [
  placed({ shippingAddress: { ...ADDRESS, line2: 'Flat 2', region: 'Auvergne' } }),
  paid(),
  dispatched('s-1', ['1', '2']),
  delivered('1', '2026-03-02T09:05:00.000Z'),
  { type: 'ReturnRequested', data: { returnId: 'r-1', lines: [{ lineId: '1', quantity: 1 }], reason: 'defective', resolution: 'refund', merchantFault: true, note: 'Keys stick, call me on 0612345678' } },
  returnApproved('r-1'),
  returnDispatched('r-1'),
  { type: 'ReturnReceived', data: { returnId: 'r-1', inspection: 'passed', note: 'Sent back by Ana from Lyon' } },
  complaintOpened('cmp-1'),
  complaintResponded('cmp-1'),
  complaintResolved('cmp-1'),
];
const PLAINTEXTS = ['ana@example.com', 'Ana', '1 Main St', 'Flat 2', 'Lyon', '69001', 'Auvergne', '0612345678', 'Sent back by Ana', 'Late', 'Sorry'];

const master = MasterKey.generate('test');
const asData = (e: OrderEvent) => e.data as unknown as Record<string, unknown>;

async function keyAndRing(): Promise<{ key: DataKey; keyRing: KeyRing; store: MemoryKeyStore }> {
  const store = new MemoryKeyStore();
  const keyRing = new KeyRing(store, () => master);
  return { key: await keyRing.keyForWriting('c-42'), keyRing, store };
}

describe('sealing event data', () => {
  it('seals every personal value (no plaintext left) and opens back exactly what was sealed', async () => {
    const { key } = await keyAndRing();
    const sealed = story.map((e) => ({ type: e.type, data: protectEventData(e.type, asData(e), key) }));
    const stored = JSON.stringify(sealed);
    for (const text of PLAINTEXTS) expect(stored).not.toContain(text);
    expect(sealed.every((e) => !hasPlaintextPersonalData(e.type, e.data))).toBe(true);
    expect(sealed.some((e) => hasSealedPersonalData(e.type, e.data))).toBe(true);
    // Amounts, ids, skus and statuses stay readable for finance and auditors without any key.
    expect(stored).toContain('"total":13148');
    expect(stored).toContain('"sku":"KB-01"');
    const opened = sealed.map((e) => ({ type: e.type, data: openEventData(e.type, e.data, new Map([[key.keyId, key]])) }));
    expect(opened).toEqual(story);
  });

  it('without the key every personal value reads "[erased]" and nothing else changes; events without any stay the same object', async () => {
    const { key } = await keyAndRing();
    const [placedSealed] = story.slice(0, 1).map((e) => protectEventData(e.type, asData(e), key));
    const erased = openEventData('OrderPlaced', placedSealed, new Map());
    expect(erased).toEqual({
      ...asData(story[0]),
      customer: { id: 'c-42', email: ERASED, name: ERASED, registered: true },
      shippingAddress: { name: ERASED, line1: ERASED, line2: ERASED, city: ERASED, postalCode: ERASED, region: ERASED, country: ERASED },
    });
    const payment = asData(paid());
    expect(openEventData('PaymentConfirmed', payment, new Map())).toBe(payment);
  });

  it('folding erased events gives the redacted fold: redactPersonalData covers every field the map seals', async () => {
    const { key } = await keyAndRing();
    const erasedEvents = story.map((e) => ({ type: e.type, data: openEventData(e.type, protectEventData(e.type, asData(e), key), new Map()) }) as unknown as OrderEvent);
    const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v));
    const full = foldOrder(timeline(story));
    expect(roundTrip(foldOrder(timeline(erasedEvents)))).toEqual(roundTrip(redactPersonalData(full)));
    expect(JSON.stringify(redactPersonalData(full))).not.toMatch(new RegExp(PLAINTEXTS.join('|')));
    expect(redactPersonalData(full)).toMatchObject({ total: full.total, paidAmount: full.paidAmount, revision: full.revision });
  });

  it('read models refuse an event still sealed (read from the raw store), and accept opened or old plaintext ones', async () => {
    const { key } = await keyAndRing();
    const at = { streamId: 'order-o-1', revision: 0 };
    const sealed = protectEventData('OrderPlaced', asData(story[0]), key);
    expect(() => assertOpened({ ...at, type: 'OrderPlaced', data: sealed })).toThrow(/OrderPlaced at order-o-1@0 still holds sealed personal data/);
    expect(() => assertOpened({ ...at, type: 'OrderPlaced', data: openEventData('OrderPlaced', sealed, new Map()) })).not.toThrow();
    expect(() => assertOpened({ ...at, type: 'OrderPlaced', data: asData(story[0]) })).not.toThrow();
  });

  it('protectEvents makes the customer key only when there is something to seal', async () => {
    const store = new MemoryKeyStore();
    const keyRing = new KeyRing(store, () => master);
    const plain = [{ type: 'PaymentConfirmed', data: asData(paid()) }];
    expect(await protectEvents(keyRing, 'c-1', plain)).toEqual(plain);
    expect(store.rows.size).toBe(0);
    const [sealed] = await protectEvents(keyRing, 'c-1', [{ type: 'ComplaintOpened', data: asData(complaintOpened('x')) }]);
    expect(store.rows.size).toBe(1);
    expect(hasSealedPersonalData(sealed.type, sealed.data)).toBe(true);
  });
});
