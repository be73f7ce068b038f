import { ApiProperty } from '@nestjs/swagger';
import { PublicComment } from './public-comment.js';
import type * as Answers from './thread-answers.js';

export class ThreadArticle implements Answers.ThreadArticle {
  @ApiProperty({ type: Number, nullable: true, example: 7, description: "null until the article's first comment: join its live room with {site, url}." })
  id: number | null;

  @ApiProperty({ description: 'The canonical URL the thread belongs to.', example: 'http://localhost:3000/news/some-article' })
  url: string;

  @ApiProperty({ type: String, nullable: true })
  title: string | null;
}

export class ThreadPage implements Answers.ThreadPage {
  @ApiProperty({ type: ThreadArticle })
  article: ThreadArticle;

  @ApiProperty({ description: 'Approved comments on the article, replies included.' })
  total: number;

  @ApiProperty({ description: 'Whether new comments are accepted.' })
  open: boolean;

  @ApiProperty({ description: 'Deepest reply level on this site (1 = flat).' })
  maxDepth: number;

  @ApiProperty({ enum: ['heart', 'thumb'], description: "The like button's symbol on this site." })
  reactionSymbol: Answers.ReactionSymbol;

  @ApiProperty({ type: [PublicComment], description: 'Top-level comments of this page, each with its replies nested.' })
  comments: PublicComment[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;

  @ApiProperty({ description: "The newest live event this page includes: send it as `lastSeenId` when joining the article's live room." })
  lastEventId: number;

  @ApiProperty({ description: 'Whether the form offers "Notify me of replies by email." (Kolom is set up to send email).' })
  replyEmails: boolean;

  @ApiProperty({
    type: Object,
    nullable: true,
    description: "null unless the site signs its readers in: then `{required, url}` — whether only signed-in readers may comment, and the site's sign-in page.",
  })
  signIn: Answers.ThreadSignIn | null;
}

export class FormTokenAnswer {
  @ApiProperty({
    description: 'Send back with the comment form as `formToken`: it tells the spam checks when the form was handed out (good for a day, and for 5 comments).',
  })
  formToken: string;
}
