import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** GET /orders/{id}/notifications (docs/notifications.md); the emails themselves are sent by the projector. */
@Module({ controllers: [NotificationsController] })
export class NotificationsModule {}
