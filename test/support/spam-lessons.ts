/**
 * Comments to teach the spam classifier with, in tests: offers with a link to a domain of their
 * own (spam) and a reader's remark on a local story (ham), each different enough that the model
 * learns words rather than one repeated text (its near-duplicate cap would teach it little).
 */
export const SPAM_OFFERS = [
  'Cheap pills',
  'Cheap watches',
  'Casino bonus',
  'Cheap loans',
  'Free spins',
  'Crypto riches',
  'Diet pills',
  'Replica bags',
  'Easy money',
  'Hot singles',
];

export const spammy = (what: string) => `${what}, order now with free delivery, click https://${what.replace(/\W+/g, '-').toLowerCase()}.example`;

export const readerly = (what: string) => `I read the piece on ${what} and I think the reporter should ask the mayor again.`;
