import type { HttpAnswer } from './http.js';

/*
 * The comment form's messages as the README's table states them, written out here rather than
 * imported from the server, so a changed message fails a test.
 */

/** WordPress's own wording (wp-includes/comment.php). */
export const WORDPRESS_MESSAGES = {
  requiredFields: 'Please fill the required fields.',
  invalidEmail: 'Please enter a valid email address.',
  emptyComment: 'Please type your comment text.',
  nameTooLong: 'Your name is too long.',
  emailTooLong: 'Your email address is too long.',
  urlTooLong: 'Your URL is too long.',
  commentTooLong: 'Your comment is too long.',
  duplicate: "Duplicate comment detected; it looks as though you've already said that!",
  flood: 'You are posting comments too quickly. Slow down.',
  closed: 'Sorry, comments are closed for this item.',
  replyToUnapproved: 'Sorry, replies to unapproved comments are not allowed.',
  awaitingModeration: 'Your comment is awaiting moderation.',
};

/** Kolom's own, where it refuses what WordPress lets through. */
export const KOLOM_MESSAGES = {
  replyToOtherArticle: 'Sorry, you can only reply to a comment on the same article.',
  invalidWebsite: 'Please enter a valid website address (http or https).',
};

/** A refusal with its status and message, in the documented shape. */
export function expectRefusal(answer: HttpAnswer<unknown>, status: number, message: string): void {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status, body: { statusCode: status, message } });
}
