import { NotFoundException, ParseIntPipe } from '@nestjs/common';

/** A route id that is not a number names nothing: "/comments/abc" is as unknown as "/comments/999999999". */
export const idOf = (thing: string) => new ParseIntPipe({ exceptionFactory: () => new NotFoundException(`There is no such ${thing}.`) });
