import type { DeskApi } from './api.js';
import type { ActionResult, CommentAction } from './types.js';

/**
 * What takes an action back: spam or trash → restore (the server returns each comment to where
 * the moderator took it from), approve of a held comment → unapprove, unapprove → approve,
 * restore → the queue it came out of; bans the action added are lifted. Dismissing readers'
 * reports (approving an approved comment) has no way back, so then there is no Undo.
 */
export function undoActions(result: ActionResult): ((api: DeskApi) => Promise<void>) | null {
  const byAction = new Map<CommentAction, number[]>();
  for (const change of result.changed) {
    const inverse = inverseOf(change.from, change.to);
    if (!inverse) return null;
    byAction.set(inverse, [...(byAction.get(inverse) ?? []), change.id]);
  }
  const bans = result.bans.filter((ban) => ban.created).map((ban) => ban.id);
  if (byAction.size === 0 && bans.length === 0) return null;
  return async (api) => {
    for (const [action, ids] of byAction) await api.act(ids, action);
    for (const id of bans) await api.liftBan(id);
  };
}

function inverseOf(from: string, to: string): CommentAction | null {
  if (to === 'spam' || to === 'trash') return 'restore';
  if (to === 'approved') return from === 'pending' ? 'unapprove' : from === 'spam' || from === 'trash' ? from : null;
  if (to === 'pending') return from === 'approved' ? 'approve' : from === 'spam' || from === 'trash' ? from : null;
  return null;
}
