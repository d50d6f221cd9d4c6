import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { loadOrder } from '@app/order-fold';
import { previewEdit, type EditChange, type EditPreview } from '@app/ordering';

/**
 * `preview: true` of an edit: the domain's judgement on the order as stored, read from its stream.
 * Never through the command pipeline, so nothing is appended, sealed or remembered.
 */
@Injectable()
export class OrderEditPreviewer {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async preview(orderId: string, editId: string, changes: EditChange[]): Promise<EditPreview> {
    const { state } = await loadOrder(this.store, orderId);
    return previewEdit(state, editId, changes);
  }
}
