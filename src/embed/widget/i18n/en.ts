import type { TimeUnit } from '../../../browser/time.js';
import type { ReplyEmailsAnswer } from '../../../threads/thread-answers.js';

/** English: the classic comment form's own words. */
export const en = {
  heading: (count: number) => (count === 1 ? '1 Comment' : `${count} Comments`),
  empty: "No comments yet. Why don't you start the discussion?",
  viewers: (count: number) => (count === 1 ? '1 reading now' : `${count} reading now`),
  newComments: (count: number) => (count === 1 ? '1 new comment' : `${count} new comments`),
  loadMore: 'Load more comments',
  loading: 'Loading comments…',
  loadFailed: 'The comments could not be loaded. Reload the page to try again.',
  reply: 'Reply',
  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  cancel: 'Cancel',
  confirmDelete: 'Delete your comment?',
  edited: 'edited',
  removed: 'This comment was removed.',
  inReplyTo: (name: string) => `in reply to ${name}`,
  leaveReply: 'Leave a Reply',
  replyTo: (name: string) => `Reply to ${name}`,
  cancelReply: 'Cancel reply',
  notes: 'Your email address will not be published.',
  requiredNote: 'Required fields are marked',
  comment: 'Comment',
  name: 'Name',
  email: 'Email',
  website: 'Website',
  remember: 'Save my name, email, and website in this browser for the next time I comment.',
  notifyReplies: 'Notify me of replies by email.',
  submit: 'Post Comment',
  sending: 'Posting…',
  awaiting: 'Your comment is awaiting moderation.',
  closed: 'Comments are closed.',
  replyEmails: {
    'confirmation-sent': 'Check your inbox: we sent a link to confirm reply notifications.',
    'confirmation-pending': 'Confirm your address with the link we emailed you earlier to get reply notifications.',
    subscribed: "We'll email you when someone replies.",
  } satisfies Record<ReplyEmailsAnswer, string>,
  addressConfirmed: 'Your email address is confirmed.',
  privacyLink: 'Your comments and privacy',
  offline: 'The connection was lost; trying again…',
  failed: 'Something went wrong; your comment was not posted. Please try again.',
  justNow: 'just now',
  ago: (count: number, unit: TimeUnit) => `${count} ${unit}${count === 1 ? '' : 's'} ago`,
  commentsLabel: 'Comments',
  /** The server answers in WordPress's English; other catalogues translate those messages here. */
  serverMessages: {} as Record<string, string>,
};

export type Catalogue = typeof en;
