import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { EditChange, EditPreview, OrderLine } from '@app/ordering';
import type { CommandResult } from '@app/commands';
import { CommandResultDto } from '../command-result.dto';
import { OrderCommandSender } from '../shared/order-command-sender';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderIdParams, OrderLineParams } from '../shared/params.dto';
import { withoutAbsent } from '../shared/without-absent';
import { CancelLineDto } from './cancel-line.dto';
import { EditOrderDto, type EditChangeDto, type EditLineDto } from './edit-order.dto';
import type { ShippingAddressDto } from '../placing/place-order-parts.dto';
import { EditPreviewDto } from './edit-preview.dto';
import { OrderEditPreviewer } from './order-edit-previewer';

@ApiTags('Changes')
@Controller('orders')
export class ChangesController {
  constructor(private readonly sender: OrderCommandSender, private readonly previewer: OrderEditPreviewer) {}

  @Post(':orderId/lines/:lineId/cancel')
  @CommandEndpoint({
    summary: 'Cancel units of a line before they ship',
    description: 'Appends LineCancelled (and OrderCancelled when no unit is left). 422 line_already_shipped, quantity_exceeds_cancellable. '
      + 'An unpaid order then asks for less; on a paid order the units are owed back (refund reason cancellation).',
  })
  cancelLine(@Param() { orderId, lineId }: OrderLineParams, @Body() body: CancelLineDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send(withoutAbsent({ type: 'CancelLine', orderId, lineId, quantity: body.quantity, reason: body.reason }), request);
  }

  // Declared after (so applied over) CommandEndpoint's 200: either answer.
  @ApiExtraModels(EditPreviewDto, CommandResultDto)
  @ApiOkResponse({
    description: 'The events appended; with `preview: true`, what the edit would do (nothing written)',
    schema: { oneOf: [{ $ref: getSchemaPath(CommandResultDto) }, { $ref: getSchemaPath(EditPreviewDto) }] },
  })
  @Post(':orderId/edits')
  @CommandEndpoint({
    summary: 'Edit the order before it ships',
    description: 'Appends one OrderEdited with the changes and the totals before and after. 422 line_already_shipped. '
      + 'A paid order left dearer owes a balance (the added units ship once it is paid); left cheaper, it owes a refund (reason edit).',
  })
  async edit(@Param() { orderId }: OrderIdParams, @Body() body: EditOrderDto, @Req() request: FastifyRequest): Promise<CommandResult | EditPreview> {
    const changes = body.changes.map(toEditChange);
    if (body.preview === true) return this.previewer.preview(orderId, body.editId, changes);
    return this.sender.send({ type: 'EditOrder', orderId, editId: body.editId, changes }, request);
  }
}

/** Only the fields of the change's op (the DTO refused any other and required these). */
function toEditChange(change: EditChangeDto): EditChange {
  switch (change.op) {
    case 'set_quantity': return { op: 'set_quantity', lineId: String(change.lineId), quantity: Number(change.quantity) };
    case 'add_line': return { op: 'add_line', line: toLine(change.line) };
    case 'replace_line': return { op: 'replace_line', lineId: String(change.lineId), line: toLine(change.line) };
    case 'set_shipping_address': return { op: 'set_shipping_address', shippingAddress: withoutAbsent({ ...(change.shippingAddress as ShippingAddressDto) }) };
  }
}

function toLine(line: EditLineDto | undefined): OrderLine {
  const l = line as EditLineDto;
  return { lineId: l.lineId, sku: l.sku, name: l.name, quantity: l.quantity, unitPrice: l.unitPrice, category: l.category };
}
