import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { DeskController } from './desk.controller.js';
import { deskSecurityHeaders } from './desk-security.js';

/** The moderators' web page at /moderate; everything it shows comes from the moderation API. */
@Module({ controllers: [DeskController] })
export class DeskModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(deskSecurityHeaders).forRoutes(DeskController);
  }
}
