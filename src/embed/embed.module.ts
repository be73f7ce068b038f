import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { urlencoded } from 'express';
import { ArticlesModule } from '../articles/articles.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { ThreadsModule } from '../threads/threads.module.js';
import { CLASSIC_FORM_PATHS, ClassicFormController } from './classic/classic-form.controller.js';
import { ClassicForm } from './classic/classic-form.js';
import { CountScriptController } from './count.controller.js';
import { ThreadFragmentController } from './classic/thread-fragment.controller.js';
import { DemoController } from './demo.controller.js';
import { WidgetController } from './widget.controller.js';

/** As the JSON limit (app.ts): a comment of 65,525 four-byte characters, percent-encoded, and the other fields. */
const FORM_LIMIT = '800kb';

@Module({
  imports: [SitesModule, ArticlesModule, ThreadsModule],
  controllers: [DemoController, WidgetController, CountScriptController, ThreadFragmentController, ClassicFormController],
  providers: [ClassicForm],
})
export class EmbedModule implements NestModule {
  /** Form bodies are read on the classic form's routes only: every other route takes JSON alone. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 50 }))
      .forRoutes(...CLASSIC_FORM_PATHS.map((path) => ({ path, method: RequestMethod.POST })));
  }
}
