/**
 * pending: held for a moderator; approved: public; spam and trash: removed by the spam pipeline or a
 * moderator; deleted: withdrawn by its author.
 */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
