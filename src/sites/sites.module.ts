import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoSiteService } from './demo-site.service.js';
import { SiteSignIn } from './site-sign-in.js';
import { Site } from './site.entity.js';
import { SitesService } from './sites.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Site])],
  providers: [SitesService, DemoSiteService, SiteSignIn],
  exports: [SitesService, SiteSignIn],
})
export class SitesModule {}
