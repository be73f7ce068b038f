import type { PremoderationMode, SiteSettings } from '../sites/site-settings.js';

/*
 * Answer shapes of the moderation API that the desk's browser code reads too: kept free of server
 * imports, so `npm run typecheck` holds both sides to one definition.
 */

export interface ModeratedArticle {
  id: number;
  site: string;
  url: string;
  title: string | null;
  /** Set by hand; comments may still be closed by the site's "close after N days". */
  open: boolean;
  /** Whether readers can post now. */
  acceptingComments: boolean;
  premoderation: PremoderationMode | null;
  createdAt: string;
}

export interface ModeratedSite {
  id: number;
  slug: string;
  name: string;
  origins: string[];
  /** Every setting in effect, defaults included. */
  settings: SiteSettings;
}
