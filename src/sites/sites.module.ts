import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoSiteService } from './demo-site.service.js';
import { Site } from './site.entity.js';
import { SitesService } from './sites.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Site])],
  providers: [SitesService, DemoSiteService],
  exports: [SitesService],
})
export class SitesModule {}
