import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client, type ClientInfo } from '../http/client-info.decorator.js';
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
    description: 'The comment form. Errors: 400 (fields), 403 (closed, reply to unapproved), 404 (site), 409 (duplicate), 429 (flood).',
  })
  @ApiCreatedResponse({ type: PostedComment })
  post(@Body() form: CommentFormDto, @Client() client: ClientInfo): Promise<PostedComment> {
    return this.comments.post(form, client);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Edit one's own comment within the edit window" })
  @ApiHeader(EDIT_TOKEN)
  @ApiOkResponse({ type: PostedComment })
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
  @ApiNoContentResponse()
  delete(@Param('id', commentId) id: number, @Headers('x-edit-token') editToken: string | undefined): Promise<void> {
    return this.comments.delete(id, editToken);
  }
}
