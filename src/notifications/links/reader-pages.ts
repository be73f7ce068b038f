import { escapeHtml } from '../../embed/classic/html.js';

/** The words of the pages readers reach from Kolom's email, in English and Bahasa Indonesia. */
export interface PageWords {
  lang: string;
  invalidLink: string;
  usedLink: string;
  back: string;
  confirm: { title: string; ask: (site: string) => string; button: string; done: string };
  unsubscribe: { title: string; askThread: string; askSite: (site: string) => string; button: string; doneThread: string; doneSite: (site: string) => string };
  privacy: {
    title: (site: string) => string;
    intro: string;
    email: string;
    exportButton: string;
    eraseButton: string;
    sent: (site: string) => string;
    invalidEmail: string;
  };
  erase: { title: string; ask: (site: string, count: number) => string; what: string; button: string; done: (count: number) => string; none: string };
}

const en: PageWords = {
  lang: 'en',
  invalidLink: 'This link is not valid, or it has expired. Ask for a new one.',
  usedLink: 'This link was already used.',
  back: 'Back to the article',
  confirm: {
    title: 'Confirm reply notifications',
    ask: (site) => `Get an email from ${site} when someone replies to your comment?`,
    button: 'Yes, confirm',
    done: 'Your address is confirmed. You will get an email when someone replies to your comment.',
  },
  unsubscribe: {
    title: 'Unsubscribe',
    askThread: 'Stop emails about replies in this thread?',
    askSite: (site) => `Stop all email from ${site}?`,
    button: 'Unsubscribe',
    doneThread: 'Done: no more emails about replies in this thread.',
    doneSite: (site) => `Done: no more email from ${site}.`,
  },
  privacy: {
    title: (site) => `Your comments on ${site}`,
    intro:
      'Enter the email address you comment with. We will email it a link to download every comment posted with it, or to erase them. Nothing happens without that link.',
    email: 'Email',
    exportButton: 'Email me a download link',
    eraseButton: 'Email me an erasure link',
    sent: (site) => `If comments were posted on ${site} with this address, a link is on its way to it. It works for 24 hours.`,
    invalidEmail: 'Please enter a valid email address.',
  },
  erase: {
    title: 'Erase your comments',
    ask: (site, count) => `Erase ${count === 1 ? 'the comment' : `all ${count} comments`} posted on ${site} with your address? This cannot be undone.`,
    what: 'Their text, name, email address and website are removed. A comment others replied to stays as a "[deleted]" placeholder.',
    button: 'Erase them',
    done: (count) => `Erased ${count === 1 ? 'one comment' : `${count} comments`}.`,
    none: 'There are no comments with this address to erase.',
  },
};

const id: PageWords = {
  lang: 'id',
  invalidLink: 'Tautan ini tidak sah atau sudah kedaluwarsa. Mintalah tautan baru.',
  usedLink: 'Tautan ini sudah pernah dipakai.',
  back: 'Kembali ke artikel',
  confirm: {
    title: 'Konfirmasi pemberitahuan balasan',
    ask: (site) => `Terima email dari ${site} jika ada yang membalas komentar Anda?`,
    button: 'Ya, konfirmasi',
    done: 'Alamat Anda sudah dikonfirmasi. Anda akan menerima email jika ada yang membalas komentar Anda.',
  },
  unsubscribe: {
    title: 'Berhenti berlangganan',
    askThread: 'Berhenti menerima email balasan di diskusi ini?',
    askSite: (site) => `Berhenti menerima semua email dari ${site}?`,
    button: 'Berhenti berlangganan',
    doneThread: 'Selesai: tidak ada lagi email balasan dari diskusi ini.',
    doneSite: (site) => `Selesai: tidak ada lagi email dari ${site}.`,
  },
  privacy: {
    title: (site) => `Komentar Anda di ${site}`,
    intro:
      'Masukkan alamat email yang Anda pakai untuk berkomentar. Kami akan mengirim tautan ke alamat itu untuk mengunduh semua komentarnya, atau menghapusnya. Tidak ada yang terjadi tanpa tautan itu.',
    email: 'Email',
    exportButton: 'Kirimi saya tautan unduhan',
    eraseButton: 'Kirimi saya tautan penghapusan',
    sent: (site) => `Jika ada komentar di ${site} dengan alamat ini, tautan sedang dikirim ke sana. Tautan berlaku 24 jam.`,
    invalidEmail: 'Masukkan alamat email yang sah.',
  },
  erase: {
    title: 'Hapus komentar Anda',
    ask: (site, count) => `Hapus ${count === 1 ? 'komentar' : `${count} komentar`} yang dikirim di ${site} dengan alamat Anda? Ini tidak bisa dibatalkan.`,
    what: 'Teks, nama, alamat email, dan situs webnya dibuang. Komentar yang sudah dibalas orang lain tetap ada sebagai penanda "[dihapus]".',
    button: 'Hapus',
    done: (count) => `${count} komentar dihapus.`,
    none: 'Tidak ada komentar dengan alamat ini untuk dihapus.',
  },
};

export function pageWordsFor(locale: string | null | undefined): PageWords {
  return (locale ?? '').toLowerCase().split(/[-_]/)[0] === 'id' ? id : en;
}

/** A page's body, made of escaped parts: each string given here is text, never markup. */
export type PagePart =
  | { paragraph: string }
  | { link: string; href: string }
  | {
      form: {
        action: string;
        button: string;
        fields?: Record<string, string>;
        email?: { label: string; value?: string };
        buttons?: Array<[name: string, value: string, label: string]>;
      };
    };

function partHtml(part: PagePart): string {
  if ('paragraph' in part) return `<p>${escapeHtml(part.paragraph)}</p>`;
  if ('link' in part) return `<p><a href="${escapeHtml(part.href)}">${escapeHtml(part.link)}</a></p>`;
  const { action, button, fields = {}, email, buttons } = part.form;
  const hidden = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
  const emailField = email
    ? `<p><label for="email">${escapeHtml(email.label)}</label><br><input id="email" name="email" type="email" required maxlength="100" autocomplete="email" value="${escapeHtml(email.value ?? '')}"></p>`
    : '';
  const submit = buttons
    ? buttons
        .map(([name, value, label]) => `<button type="submit" name="${escapeHtml(name)}" value="${escapeHtml(value)}">${escapeHtml(label)}</button>`)
        .join(' ')
    : `<button type="submit">${escapeHtml(button)}</button>`;
  return `<form method="post" action="${escapeHtml(action)}">${hidden.join('')}${emailField}<p>${submit}</p></form>`;
}

/** A plain page on Kolom's own origin: no script, nothing from elsewhere, not to be framed or indexed. */
export function readerPage(lang: string, title: string, parts: PagePart[]): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;color:#1d2327;background:#f6f7f7;margin:0}main{background:#fff;max-width:560px;margin:2em auto;padding:1em 2em;border:1px solid #dcdcde;border-radius:6px}button{font:inherit;padding:.5em 1em;cursor:pointer}input[type=email]{font:inherit;padding:.4em;width:100%;box-sizing:border-box}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${parts.map(partHtml).join('\n')}
</main>
</body>
</html>
`;
}
