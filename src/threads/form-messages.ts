/** The comment form's messages, worded as WordPress words them (wp-includes/comment.php). */
export const FORM_MESSAGES = {
  emptyComment: 'Please type your comment text.',
  requiredFields: 'Please fill the required fields.',
  invalidEmail: 'Please enter a valid email address.',
  nameTooLong: 'Your name is too long.',
  emailTooLong: 'Your email address is too long.',
  urlTooLong: 'Your URL is too long.',
  commentTooLong: 'Your comment is too long.',
  duplicate: "Duplicate comment detected; it looks as though you've already said that!",
  flood: 'You are posting comments too quickly. Slow down.',
  closed: 'Sorry, comments are closed for this item.',
  replyToUnapproved: 'Sorry, replies to unapproved comments are not allowed.',
  awaitingModeration: 'Your comment is awaiting moderation.',
  // Kolom's own, in the same voice.
  invalidWebsite: 'Please enter a valid website address (http or https).',
  replyToOtherArticle: 'Sorry, you can only reply to a comment on the same article.',
} as const;

/** WordPress's limits (wp_get_comment_fields_max_lengths), in bytes of UTF-8 as its columns count them. */
export const FORM_LIMITS = {
  name: 245,
  email: 100,
  website: 200,
  body: 65525,
} as const;
