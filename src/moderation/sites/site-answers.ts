import { ApiProperty } from '@nestjs/swagger';
import type { SiteSettings } from '../../sites/site-settings.js';
import type * as Answers from '../moderation-answers.js';
import { SiteSettingsDto } from '../../sites/dto/site-settings.dto.js';

/** A site as the moderation API answers it, for the OpenAPI document. */
export class ModeratedSite implements Answers.ModeratedSite {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'courier' })
  slug: string;

  @ApiProperty({ example: 'The Courier' })
  name: string;

  @ApiProperty({ type: [String], example: ['https://www.courier.example'] })
  origins: string[];

  @ApiProperty({ type: SiteSettingsDto, description: 'Every setting in effect, defaults included.' })
  settings: SiteSettings;

  @ApiProperty({ enum: ['off', 'secret', 'public-key'], description: "How the site's readers' sign-in tokens are checked: never the secret itself." })
  signIn: 'off' | 'secret' | 'public-key';
}

export class ModeratedSiteWithSecret extends ModeratedSite {
  @ApiProperty({ description: "The new HMAC secret, in this answer only: give it to the news site's server." })
  secret: string;
}
