import { DynamicModule, Global, Module } from '@nestjs/common';
import { KolomConfig } from './config.js';

export const KOLOM_CONFIG = Symbol('KOLOM_CONFIG');

/** Makes the validated configuration injectable everywhere as `@Inject(KOLOM_CONFIG)`. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: KolomConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: KOLOM_CONFIG, useValue: config }],
      exports: [KOLOM_CONFIG],
    };
  }
}
