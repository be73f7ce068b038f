const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;

/** Links in a comment's text, as WordPress's comment_max_links counts them (the website field is counted apart). */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}
