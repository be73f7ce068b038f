import { Module } from '@nestjs/common';
import { DemoController } from './demo.controller.js';
import { WidgetController } from './widget.controller.js';

@Module({ controllers: [DemoController, WidgetController] })
export class EmbedModule {}
