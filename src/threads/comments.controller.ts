import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.js';
import { Client, type ClientInfo } from '../http/client-info.decorator.js';
import { FORM_MESSAGES } from './form-messages.js';
import { idOf } from '../http/id-param.js';
import { CommentsService } from './comments.service.js';
import { PostedComment } from './posted-comment.js';
import { CommentBodyDto } from './dto/comment-body.dto.js';
import { CommentFormDto } from './dto/comment-form.dto.js';

const commentId = idOf('comment');

const EDIT_TOKEN = { name: 'X-Edit-Token', required: true, description: 'The editToken from the answer to the post.' };

@ApiTags('comments')
@Controller('api/v1/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Post a comment or a reply',
    description:
      'The comment form. Refusals in the order WordPress checks them: the parent (403), the article (403), the fields (400), duplicate (409), flood (429); a retry with the same idempotencyKey answers as the first time.',
  })
  @ApiCreatedResponse({ type: PostedComment })
  @ApiErrors(
    [400, 'One message per field, in WordPress\'s wording and order: `message` lists them, `fields` maps each (e.g. "Please fill the required fields.").'],
    [
      403,
      `${FORM_MESSAGES.closed} / ${FORM_MESSAGES.replyToUnapproved} / the site signs its readers in (code "sign-in-required") / the URL is not on the site's origins.`,
    ],
    [404, 'There is no such site.'],
    [409, FORM_MESSAGES.duplicate],
    413,
    [422, 'This idempotencyKey was already used for a different comment.'],
    [429, `${FORM_MESSAGES.flood} Or too many new articles from this network; with Retry-After.`],
    503,
  )
  post(@Body() form: CommentFormDto, @Client() client: ClientInfo): Promise<PostedComment> {
    return this.comments.post(form, client);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Edit one's own comment within the edit window" })
  @ApiHeader(EDIT_TOKEN)
  @ApiOkResponse({ type: PostedComment })
  @ApiErrors(
    [400, 'The new text is empty or too long: `fields` says which.'],
    [403, 'No or a wrong X-Edit-Token, or the time to edit has passed.'],
    [404, 'There is no such comment.'],
    [409, `${FORM_MESSAGES.duplicate} Or it was changed by someone else meanwhile.`],
    413,
    503,
  )
  edit(
    @Param('id', commentId) id: number,
    @Headers('x-edit-token') editToken: string | undefined,
    @Body() change: CommentBodyDto,
    @Client() client: ClientInfo,
  ): Promise<PostedComment> {
    return this.comments.edit(id, editToken, change.body, client);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Delete one's own comment within the edit window" })
  @ApiHeader(EDIT_TOKEN)
  @ApiNoContentResponse({ description: 'Deleted: readers see it go.' })
  @ApiErrors(
    [403, 'No or a wrong X-Edit-Token, or the time to edit has passed.'],
    [404, 'There is no such comment.'],
    [409, 'It was changed by someone else meanwhile.'],
    503,
  )
  delete(@Param('id', commentId) id: number, @Headers('x-edit-token') editToken: string | undefined): Promise<void> {
    return this.comments.delete(id, editToken);
  }
}
