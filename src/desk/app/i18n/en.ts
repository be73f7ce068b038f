import type { TimeUnit } from '../../../browser/time.js';
import type { Queue } from '../types.js';
import { adminEn } from './admin-en.js';

/**
 * The desk's English. Queue and action names follow WordPress's comment screen (Pending,
 * Approve, Spam, Trash, Restore, Unapprove), the words moderators of these sites already know.
 */
export const en = {
  title: 'Kolom moderation',
  language: 'Language',

  // Signing in and out
  signInHeading: 'Sign in to moderate',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  sessionEnded: 'Your session has ended. Please sign in again.',
  signedInAs: (name: string) => `Signed in as ${name}`,
  requiredFields: 'Please fill the required fields.',
  /** The server answers in English; other catalogues translate its sign-in messages here. */
  serverMessages: {} as Record<string, string>,

  // Choosing one's own password
  changePassword: 'Change password',
  choosePasswordHeading: 'Choose a new password',
  choosePasswordWhy: 'Your password was set by someone else. Choose your own before you start: only you should know it.',
  changePasswordHeading: 'Change your password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  repeatPassword: 'New password again',
  newPasswordHint: (min: number) => `At least ${min} characters. Your other sessions end when you save it.`,
  savePassword: 'Save the new password',
  savingPassword: 'Saving…',
  passwordTooShort: 'A password needs at least 12 characters.',
  passwordsDiffer: 'The two new passwords are not the same.',
  passwordChanged: 'Your password is changed. Your other sessions have ended.',

  // Email about held comments
  mailSettings: 'Email settings',
  mailSettingsHeading: 'Email settings',
  heldMailLegend: 'Email about held comments',
  heldMailChoices: {
    each: 'Each held comment',
    digest: (minutes: number) => (minutes === 1 ? 'A digest every minute' : `A digest every ${minutes} minutes`),
    none: 'None',
  },
  heldMailMinutes: 'Minutes between digests',
  heldMailMinutesHint: (min: number, max: number) => `From ${min} to ${max} (a day).`,
  save: 'Save',
  heldMailSaved: 'Your email settings are saved.',
  heldMailNotSaved: 'Your email settings were not saved.',

  // The shell
  queuesLabel: 'Queues',
  queues: { pending: 'Pending', flagged: 'Flagged', spam: 'Spam', trash: 'Trash' } satisfies Record<Queue, string>,
  adminLabel: 'Administration',
  sitesTab: 'Site settings',
  moderatorsTab: 'Moderators',
  bansTab: 'Bans',
  auditTab: 'Audit log',
  site: 'Site',
  allSites: 'All sites',
  skipToContent: 'Skip to the list',
  live: 'Live',
  offline: 'Offline: reconnecting…',
  loading: 'Loading…',
  loadFailed: 'This could not be loaded. Try again.',
  retry: 'Try again',
  loadMore: 'Load more',
  failed: 'Something went wrong; nothing was changed. Please try again.',
  notFound: 'There is nothing here.',

  // The queue
  search: 'Search',
  searchPlaceholder: 'Author email or text',
  searchButton: 'Search',
  clearSearch: 'Clear',
  sort: 'Order',
  newest: 'Newest first',
  oldest: 'Oldest first',
  onlyArticle: 'Only this article',
  articleFilter: (title: string) => `Article: ${title}`,
  clearArticle: 'Show all articles',
  selectAll: 'Select all',
  selected: (count: number) => `${count} selected`,
  empty: { pending: 'No comments are awaiting moderation.', flagged: 'No reported comments.', spam: 'No spam.', trash: 'The trash is empty.' } satisfies Record<
    Queue,
    string
  >,
  emptySearch: 'No comments match.',
  arrived: (count: number) => (count === 1 ? '1 more comment arrived here. Show' : `${count} more comments arrived here. Show`),
  select: (name: string) => `Select the comment by ${name}`,
  shortcuts: 'Keyboard: j/k next/previous, x select, a approve, s spam, t trash, r restore, u unapprove, / search, z undo',

  // An item
  ip: 'IP',
  showIp: 'Show',
  hideIp: 'Hide',
  noIp: 'no IP stored',
  inReplyTo: (name: string) => `In reply to ${name}`,
  verdict: 'Spam checks',
  score: (score: number) => `score ${score}`,
  noReasons: 'no check objected',
  flags: (count: number) => (count === 1 ? '1 report' : `${count} reports`),
  flagReasons: { spam: 'spam', abuse: 'abuse', 'off-topic': 'off-topic', other: 'other' } as Record<string, string>,
  record: 'On this site',
  recordEntry: { approved: 'approved', pending: 'pending', spam: 'spam', trash: 'trash', deleted: 'deleted' } as Record<string, string>,
  firstComment: 'first comment',
  statusLabel: { approved: 'Approved', pending: 'Pending', spam: 'Spam', trash: 'Trash', deleted: 'Deleted by its author' } as Record<string, string>,
  articleClosed: 'closed',
  edited: 'edited',
  editedFrom: 'Before the author edited it',
  verifiedEmail: 'Verified email',
  verifiedEmailWhy: 'The author proved this address by a link Kolom emailed to it.',
  justNow: 'just now',
  ago: (count: number, unit: TimeUnit) => `${count} ${unit}${count === 1 ? '' : 's'} ago`,

  // Actions
  actions: {
    approve: 'Approve',
    unapprove: 'Unapprove',
    spam: 'Spam',
    trash: 'Trash',
    restore: 'Restore',
    'spam-ban': 'Spam + ban author',
  } as Record<string, string>,
  /** Approve, in Flagged: the comment stays published and its reports are set aside. */
  dismissReports: 'Dismiss reports',
  reportsDismissed: (n: number) => (n === 1 ? 'Reports dismissed; the comment stays.' : `Reports on ${n} comments dismissed; they stay.`),
  actionsFor: (name: string) => `Actions for the comment by ${name}`,
  done: {
    approve: (n: number) => (n === 1 ? 'Comment approved.' : `${n} comments approved.`),
    unapprove: (n: number) => (n === 1 ? 'Comment unapproved.' : `${n} comments unapproved.`),
    spam: (n: number) => (n === 1 ? 'Comment marked as spam.' : `${n} comments marked as spam.`),
    'spam-ban': (n: number) => (n === 1 ? 'Comment marked as spam; its author is banned.' : `${n} comments marked as spam; their authors are banned.`),
    trash: (n: number) => (n === 1 ? 'Comment moved to the trash.' : `${n} comments moved to the trash.`),
    restore: (n: number) => (n === 1 ? 'Comment restored.' : `${n} comments restored.`),
  } as Record<string, (n: number) => string>,
  unchanged: (n: number) => (n === 1 ? '1 was already there.' : `${n} were already there.`),
  undo: 'Undo',
  undone: 'Undone.',
  dismiss: 'Dismiss',
  handledBy: (name: string, action: string) => `${name}: ${action}`,
  handledElsewhere: 'Handled by another moderator',
  nothingSelected: 'Select comments first (x or the check boxes).',

  // The article view
  openArticle: 'Open on the site',
  backToQueue: 'Back to the queue',
  viewArticle: 'Thread',
  commentsOpen: 'Open for comments',
  commentsClosed: 'Closed for comments',
  closeArticle: 'Close comments',
  reopenArticle: 'Reopen comments',
  closedByAge: 'Comments closed automatically (the site closes articles after some days).',
  premoderation: 'Pre-moderation',
  premoderationSite: (mode: string) => `As the site (${mode})`,
  premoderationModes: {
    off: 'Off: publish what passes the checks',
    links: 'Hold comments with links',
    'first-time': "Hold a first-time author's comments",
    all: 'Hold every comment',
  } as Record<string, string>,
  saved: 'Saved.',
  heldHere: 'Held: readers do not see this yet',
  noComments: 'No comments on this article yet.',
  articles: 'Articles',
  findArticle: 'Find an article',
  findArticlePlaceholder: 'Title or address',
  articleCounts: (approved: number, pending: number, flagged: number) => `${approved} published, ${pending} pending, ${flagged} reported`,

  admin: adminEn,
};

export type DeskCatalogue = typeof en;
