import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrderCommandSender } from '../shared/order-command-sender';
import type { CommandResult } from '@app/commands';
import { CommandEndpoint } from '../shared/command-endpoint.decorator';
import { OrderComplaintParams, OrderIdParams } from '../shared/params.dto';
import { GiveComplaintFeedbackDto } from './give-complaint-feedback.dto';
import { OpenComplaintDto } from './open-complaint.dto';
import { ResolveComplaintDto } from './resolve-complaint.dto';
import { RespondToComplaintDto } from './respond-to-complaint.dto';

@ApiTags('Complaints')
@Controller('orders')
export class ComplaintsController {
  constructor(private readonly sender: OrderCommandSender) {}

  @Post(':orderId/complaints')
  @CommandEndpoint({ summary: 'Open a complaint', description: 'Appends ComplaintOpened; a response is due within 24 hours.' })
  open(@Param() { orderId }: OrderIdParams, @Body() body: OpenComplaintDto, @Req() request: FastifyRequest): Promise<CommandResult> {
    return this.sender.send({ type: 'OpenComplaint', orderId, complaintId: body.complaintId, category: body.category, message: body.message }, request);
  }

  @Post(':orderId/complaints/:complaintId/respond')
  @CommandEndpoint({ summary: 'Respond to a complaint', description: 'Appends ComplaintResponded.' })
  respond(
    @Param() { orderId, complaintId }: OrderComplaintParams,
    @Body() body: RespondToComplaintDto,
    @Req() request: FastifyRequest,
  ): Promise<CommandResult> {
    return this.sender.send({ type: 'RespondToComplaint', orderId, complaintId, message: body.message }, request);
  }

  @Post(':orderId/complaints/:complaintId/resolve')
  @CommandEndpoint({ summary: 'Resolve a complaint', description: 'Appends ComplaintResolved.' })
  resolve(
    @Param() { orderId, complaintId }: OrderComplaintParams,
    @Body() body: ResolveComplaintDto,
    @Req() request: FastifyRequest,
  ): Promise<CommandResult> {
    return this.sender.send({ type: 'ResolveComplaint', orderId, complaintId, resolution: body.resolution }, request);
  }

  @Post(':orderId/complaints/:complaintId/feedback')
  @CommandEndpoint({
    summary: 'Record the customer\'s feedback on a resolved complaint',
    description: 'Appends ComplaintFeedbackGiven, once per resolution; satisfied: false also appends ComplaintReopened (a response is due again).',
  })
  feedback(
    @Param() { orderId, complaintId }: OrderComplaintParams,
    @Body() body: GiveComplaintFeedbackDto,
    @Req() request: FastifyRequest,
  ): Promise<CommandResult> {
    const comment = body.comment !== undefined ? { comment: body.comment } : {};
    return this.sender.send({ type: 'GiveComplaintFeedback', orderId, complaintId, satisfied: body.satisfied, ...comment }, request);
  }
}
