import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsListener } from './metrics.listener.js';
import { MetricsServer } from './metrics-server.js';
import { Metrics } from './metrics.js';

/** Prometheus metrics (see Metrics); global, so the modules that own a state can register its gauge. */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [Metrics, MetricsListener, MetricsServer],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
