import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceSecret } from './instance-secret.entity.js';
import { SecretsService } from './secrets.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([InstanceSecret])],
  providers: [SecretsService],
  exports: [SecretsService],
})
export class SecretsModule {}
