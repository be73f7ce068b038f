/** What a ban keeps out: an email, an email domain, or an IP address or range (CIDR). */
export const BAN_KINDS = ['email', 'domain', 'ip'] as const;
export type BanKind = (typeof BAN_KINDS)[number];
