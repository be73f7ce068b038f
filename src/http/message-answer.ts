import { ApiProperty } from '@nestjs/swagger';

/** An answer that is a sentence for the reader, as the widget shows it. */
export class MessageAnswer {
  @ApiProperty({ example: 'Thank you: the moderators will have a look.' })
  message: string;
}
