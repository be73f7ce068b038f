import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitsModule } from '../rate-limits/rate-limits.module.js';
import { Article } from './article.entity.js';
import { ArticlesService } from './articles.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Article]), RateLimitsModule],
  providers: [ArticlesService],
  exports: [ArticlesService],
})
export class ArticlesModule {}
