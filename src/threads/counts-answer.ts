import { ApiProperty } from '@nestjs/swagger';

/** What GET /api/v1/counts answers: approved comments per article URL, keyed by the URL as asked. */
export class CountsAnswer {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'https://news.example/politics/budget-vote?utm_source=home': 12, 'https://news.example/sport/final': 0 },
    description:
      "Approved comments (replies included) per URL, keyed exactly as each url was sent. A URL on the site's origins without comments is 0; one that cannot have a thread on this site (another origin, not an absolute http(s) URL) is left out.",
  })
  counts: Record<string, number>;
}
