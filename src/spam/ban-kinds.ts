/** What a ban keeps out: an email, an email domain, an IP address or range (CIDR), or one of the site's own accounts (sign-in). */
export const BAN_KINDS = ['email', 'domain', 'ip', 'account'] as const;
export type BanKind = (typeof BAN_KINDS)[number];
