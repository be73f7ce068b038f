import { ApiProperty } from '@nestjs/swagger';
import type { SiteSettings } from '../../sites/site-settings.js';
import type * as Answers from '../moderation-answers.js';
import { SiteSettingsDto } from '../../sites/dto/site-settings.dto.js';

export class SiteHoldThreshold implements Answers.SiteHoldThreshold {
  @ApiProperty({ example: 0.58, description: 'The classifier holds a comment for moderators from this calibrated spam probability p.' })
  holdAt: number;

  @ApiProperty({
    enum: ['default', 'learned'],
    description:
      "`learned`: the lowest threshold (0.30 up to the spam threshold, by 0.01) that holds at most 0.5 % of the site's readers' comments with 90 % confidence, " +
      "from its moderators' decisions once it has 1,000 approved and 50 spam comments with a recorded p; `default`: the global threshold.",
  })
  source: 'default' | 'learned';

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5000,
    description: "Approved comments with a recorded p it was computed from (the site's most recent 5,000); null: they could not be read.",
  })
  ham: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 412,
    description: 'Spam comments with a recorded p it was computed from (the most recent 5,000); null: they could not be read.',
  })
  spam: number | null;

  @ApiProperty({ format: 'date-time', description: "When this node computed it; each node keeps a site's threshold for 10 minutes." })
  computedAt: string;
}

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

  @ApiProperty({ type: SiteHoldThreshold, required: false, description: "Where the classifier holds this site's comments from: in answers to admins only." })
  holdThreshold?: SiteHoldThreshold;
}

export class ModeratedSiteWithSecret extends ModeratedSite {
  @ApiProperty({ description: "The new HMAC secret, in this answer only: give it to the news site's server." })
  secret: string;
}
