import type { RecordedEvent } from '@app/event-store';
import { createOrderEventUpcaster } from '@app/ordering';
import { createEventPresenter, presentEvent } from './event-presenter';

// A made-up future: ComplaintOpened v1 had `text`, v2 (current) calls it `message`.
const upcastV2 = createOrderEventUpcaster({
  currentVersions: { ComplaintOpened: 2 },
  steps: [{
    type: 'ComplaintOpened', fromVersion: 1,
    upcast: (d) => { const { text, ...rest } = d as { text: string }; return { ...rest, message: text }; },
  }],
});

const stored = (data: Record<string, unknown>, metadata: Record<string, unknown>): RecordedEvent => ({
  eventId: '0b6f6c1e-9f7a-4c55-8d59-2f3b7f0f7a11',
  streamId: 'order-50001',
  type: 'ComplaintOpened',
  revision: 4,
  position: '00000000000000000900-00000000000000000042',
  recordedAt: new Date('2026-03-02T10:00:00.123Z'),
  data,
  metadata,
});

describe('presenting stored events to auditors', () => {
  const metadata = { actor: { type: 'token', role: 'service', tokenName: 'service-1a2b3c4d' }, occurredAt: '2026-03-02T10:00:00.000Z', schemaVersion: 1, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) };

  it('shows an old schema version upcast to the current shape, with the stored schemaVersion kept in the metadata', () => {
    const event = stored({ complaintId: 'cmp-1', category: 'delivery', text: 'Late' }, metadata);
    expect(createEventPresenter(upcastV2)(event)).toEqual({
      eventId: event.eventId,
      type: 'ComplaintOpened',
      revision: 4,
      position: event.position,
      recordedAt: '2026-03-02T10:00:00.123Z',
      data: { complaintId: 'cmp-1', category: 'delivery', message: 'Late' },
      metadata,
    });
    // The stored event itself is not touched: its hash stays checkable.
    expect(event.data).toEqual({ complaintId: 'cmp-1', category: 'delivery', text: 'Late' });
  });

  it('shows a current version as stored, and reads an event without schemaVersion as version 1', () => {
    const current = stored({ complaintId: 'cmp-1', category: 'delivery', message: 'Late' }, { ...metadata, schemaVersion: 2 });
    expect(createEventPresenter(upcastV2)(current).data).toEqual(current.data);
    const { schemaVersion: _, ...unversioned } = metadata;
    const old = stored({ complaintId: 'cmp-1', category: 'delivery', text: 'Late' }, unversioned);
    expect(createEventPresenter(upcastV2)(old)).toMatchObject({ data: { message: 'Late' }, metadata: unversioned });
  });

  it('uses the registry of libs/ordering by default (every type at version 1 today)', () => {
    const event = stored({ complaintId: 'cmp-1', category: 'delivery', message: 'Late' }, metadata);
    expect(presentEvent(event).data).toEqual(event.data);
  });
});
