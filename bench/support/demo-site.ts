/**
 * What both benchmarks post: comments to the demo site the server creates on its first start,
 * with the flood check off so that one address may post as fast as the bench can.
 */
import pg from 'pg';

export const BODY_CHARS = 300;
/** The server caches sites for 5 s; a settings change is seen once this has passed. */
export const SITE_CACHE_WAIT_MS = 6_000;

const FILLER =
  'The council vote was closer than the headline suggests, and the budget line in the fourth paragraph deserves ' +
  'more attention than it gets here. Residents on the east side were told the bus route would stay, yet the ' +
  'timetable published last week says otherwise. Could the reporter ask the transport office which one is right? ' +
  'Thanks for covering it at all.';

/** About BODY_CHARS characters of ordinary comment text, unique by `tag` (Kolom refuses duplicates), without links. */
export function commentBody(tag: string): string {
  return `Comment ${tag}. ${FILLER}`.slice(0, BODY_CHARS).trimEnd();
}

export interface CommentForm {
  site: string;
  url: string;
  body: string;
  name: string;
  email: string;
  parentId?: number;
}

export function commentForm(tag: string, url: string): CommentForm {
  return { site: 'demo', url, body: commentBody(tag), name: 'Bench Reader', email: 'reader@example.org' };
}

/** `json` is null when the answer is not JSON; `text` then says what went wrong. */
export async function postComment(base: string, form: CommentForm): Promise<{ status: number; text: string; json: unknown }> {
  const response = await fetch(`${base}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(form),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, text, json };
}

/**
 * The benchmarks post from one address as fast as a machine can, without loading a form first:
 * the flood, time-to-submit and new-article checks would rightly stop them, so they are turned off on the demo
 * site. Returns its settings as stored; the server sees them after SITE_CACHE_WAIT_MS.
 */
export async function letBenchPost(pool: pg.Pool): Promise<unknown> {
  const updated = await pool.query<{ settings: unknown }>(
    `UPDATE sites SET settings = settings || '{"floodSeconds":0,"minSubmitSeconds":0,"newArticlesPerHour":0}' WHERE slug = 'demo' RETURNING settings`,
  );
  if (updated.rowCount !== 1) throw new Error('the server did not create the demo site');
  return updated.rows[0].settings;
}
