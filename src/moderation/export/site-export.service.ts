import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { exportedArticleUrl, exportFile, writeExport } from '../../export/export-command.js';
import type { ExportFormat } from '../../export/export-records.js';
import type { ExportCounts } from '../../export/exporter.js';
import type { Site } from '../../sites/site.entity.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';
import { AuditLog } from '../audit/audit-log.js';

export interface PlannedExport {
  site: Site;
  format: ExportFormat;
  articleUrl: string | null;
  filename: string;
  contentType: string;
}

/** A site's comments as a download for admins: checked before the first byte, written as read, logged. */
@Injectable()
export class SiteExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ModeratorScope,
    private readonly audit: AuditLog,
  ) {}

  /** Everything that can still answer an error status: the site, the article. */
  async plan(admin: ModeratorIdentity, slug: string, format: ExportFormat, article?: string): Promise<PlannedExport> {
    const site = await this.scope.site(admin, slug);
    const articleUrl = article ? await exportedArticleUrl(this.dataSource, site, article) : null;
    return { site, format, articleUrl, ...exportFile(site, format, new Date()) };
  }

  /**
   * The audit entry is written when the download starts: the export holds emails and IPs, and who
   * took them matters whether or not the download was finished.
   */
  async write(admin: ModeratorIdentity, planned: PlannedExport, out: Writable): Promise<ExportCounts> {
    const detail = { format: planned.format, article: planned.articleUrl, filename: planned.filename };
    await this.audit.record(this.dataSource.manager, admin, [{ action: 'site.export', siteId: planned.site.id, detail }]);
    return writeExport(this.dataSource, planned.site, planned.format, out, { articleUrl: planned.articleUrl });
  }
}
