import { Injectable } from '@nestjs/common';
import type { CheckOutcome, SpamCandidate, SpamCheck } from '../spam-check.js';

/**
 * WordPress's "Comment Moderation" and "Disallowed Comment Keys": a word from the site's lists found
 * in the name, email, website, text, IP or user agent, case-insensitively and inside longer words
 * too ("press" matches "WordPress"), holds the comment or keeps it out of sight.
 */
@Injectable()
export class WordsCheck implements SpamCheck {
  readonly name = 'words';

  check(candidate: SpamCandidate): CheckOutcome | null {
    const { moderationWords, blockedWords } = candidate.settings;
    if (moderationWords.length === 0 && blockedWords.length === 0) return null;
    const fields: Array<[string, string | null]> = [
      ['name', candidate.authorName],
      ['email', candidate.authorEmail],
      ['website', candidate.authorWebsite],
      ['text', candidate.body],
      ['IP', candidate.ip],
      ['user agent', candidate.userAgent],
    ];
    const blocked = findWord(blockedWords, fields);
    if (blocked) return { score: 10, reason: `blocked word "${blocked.word}" in the ${blocked.field}`, action: 'spam' };
    const moderated = findWord(moderationWords, fields);
    if (moderated) return { score: 1, reason: `moderation word "${moderated.word}" in the ${moderated.field}`, action: 'hold' };
    return null;
  }
}

function findWord(words: string[], fields: Array<[string, string | null]>): { word: string; field: string } | null {
  for (const raw of words) {
    const word = raw.trim().toLowerCase();
    if (word === '') continue;
    for (const [field, value] of fields) if (value?.toLowerCase().includes(word)) return { word: raw.trim(), field };
  }
  return null;
}
