/** Every word Kolom's email says, in English and Bahasa Indonesia; the site's locale picks. */
export interface MailWords {
  lang: string;
  greeting: string;
  confirmation: {
    subject: (site: string) => string;
    asked: (site: string) => string;
    action: string;
    verifies: string;
    notYou: string;
  };
  replies: {
    subject: (site: string, count: number) => string;
    replied: (name: string, article: string) => string;
    read: string;
    unsubscribeThread: string;
    unsubscribeSite: (site: string) => string;
    why: (site: string) => string;
  };
  held: {
    subject: (site: string, count: number) => string;
    intro: (site: string, count: number) => string;
    article: string;
    author: string;
    reasons: string;
    /** Held with no check's reason: the site or article holds every comment, or newcomers', for a look. */
    premoderation: string;
    open: string;
    queue: string;
    why: string;
  };
  privacyExport: { subject: (site: string) => string; asked: (site: string) => string; action: string; notYou: string };
  privacyErase: { subject: (site: string) => string; asked: (site: string) => string; what: string; action: string; notYou: string };
}

const en: MailWords = {
  lang: 'en',
  greeting: 'Hello,',
  confirmation: {
    subject: (site) => `Confirm reply notifications from ${site}`,
    asked: (site) => `Someone, we hope you, asked ${site} to email this address when their comment gets a reply:`,
    action: 'Confirm reply notifications',
    verifies: 'Confirming also verifies your address: comments you post from the same browser will be marked as really coming from it.',
    notYou: 'If it was not you, ignore this email: nothing more will be sent.',
  },
  replies: {
    subject: (site, count) => (count === 1 ? `New reply to your comment on ${site}` : `${count} new replies to your comment on ${site}`),
    replied: (name, article) => `${name} replied to your comment on “${article}”:`,
    read: 'Read it and reply',
    unsubscribeThread: 'Stop emails about replies in this thread',
    unsubscribeSite: (site) => `Stop all email from ${site}`,
    why: (site) => `You get this email because you asked ${site} to tell you about replies to your comment.`,
  },
  held: {
    subject: (site, count) => (count === 1 ? `A comment is waiting for moderation on ${site}` : `${count} comments are waiting for moderation on ${site}`),
    intro: (site, count) => (count === 1 ? `A comment on ${site} was held for moderation.` : `${count} comments on ${site} were held for moderation.`),
    article: 'Article',
    author: 'Author',
    reasons: 'Why it was held',
    premoderation: 'the site’s pre-moderation',
    open: 'Open it in the desk',
    queue: 'Open the pending queue',
    why: 'You get this email because you moderate this site; choose each, a digest, or none under "Email about held comments" in the desk.',
  },
  privacyExport: {
    subject: (site) => `Your comments on ${site}`,
    asked: (site) => `Someone, we hope you, asked ${site} for a copy of every comment posted with this address.`,
    action: 'Download them (JSON; the link works for 24 hours)',
    notYou: 'If it was not you, ignore this email.',
  },
  privacyErase: {
    subject: (site) => `Erase your comments on ${site}?`,
    asked: (site) => `Someone, we hope you, asked ${site} to erase every comment posted with this address.`,
    what: 'Erasing removes their text, the name, the email address and the website. A comment others replied to stays as a "[deleted]" placeholder, so the conversation keeps its shape.',
    action: 'Review and erase (the link works for 24 hours)',
    notYou: 'If it was not you, ignore this email: nothing is erased without the link.',
  },
};

const id: MailWords = {
  lang: 'id',
  greeting: 'Halo,',
  confirmation: {
    subject: (site) => `Konfirmasi pemberitahuan balasan dari ${site}`,
    asked: (site) => `Seseorang, semoga Anda, meminta ${site} mengirim email ke alamat ini jika komentarnya mendapat balasan:`,
    action: 'Konfirmasi pemberitahuan balasan',
    verifies: 'Konfirmasi ini juga memverifikasi alamat Anda: komentar yang Anda kirim dari peramban yang sama akan ditandai benar berasal darinya.',
    notYou: 'Jika itu bukan Anda, abaikan email ini: tidak akan ada email lain.',
  },
  replies: {
    subject: (site, count) => (count === 1 ? `Balasan baru untuk komentar Anda di ${site}` : `${count} balasan baru untuk komentar Anda di ${site}`),
    replied: (name, article) => `${name} membalas komentar Anda di “${article}”:`,
    read: 'Baca dan balas',
    unsubscribeThread: 'Berhenti menerima email balasan di diskusi ini',
    unsubscribeSite: (site) => `Berhenti menerima semua email dari ${site}`,
    why: (site) => `Anda menerima email ini karena meminta ${site} memberi tahu balasan untuk komentar Anda.`,
  },
  held: {
    subject: (site, count) => (count === 1 ? `Sebuah komentar menunggu moderasi di ${site}` : `${count} komentar menunggu moderasi di ${site}`),
    intro: (site, count) => (count === 1 ? `Sebuah komentar di ${site} ditahan untuk moderasi.` : `${count} komentar di ${site} ditahan untuk moderasi.`),
    article: 'Artikel',
    author: 'Penulis',
    reasons: 'Alasan ditahan',
    premoderation: 'pra-moderasi situs',
    open: 'Buka di meja moderasi',
    queue: 'Buka antrean tertunda',
    why: 'Anda menerima email ini karena memoderasi situs ini; pilih setiap komentar, ringkasan, atau tidak sama sekali di "Email tentang komentar yang ditahan" pada meja moderasi.',
  },
  privacyExport: {
    subject: (site) => `Komentar Anda di ${site}`,
    asked: (site) => `Seseorang, semoga Anda, meminta ${site} salinan semua komentar yang dikirim dengan alamat ini.`,
    action: 'Unduh (JSON; tautan berlaku 24 jam)',
    notYou: 'Jika itu bukan Anda, abaikan email ini.',
  },
  privacyErase: {
    subject: (site) => `Hapus komentar Anda di ${site}?`,
    asked: (site) => `Seseorang, semoga Anda, meminta ${site} menghapus semua komentar yang dikirim dengan alamat ini.`,
    what: 'Penghapusan membuang teks, nama, alamat email, dan situs web. Komentar yang sudah dibalas orang lain tetap ada sebagai penanda "[dihapus]", agar alur diskusi tetap utuh.',
    action: 'Tinjau dan hapus (tautan berlaku 24 jam)',
    notYou: 'Jika itu bukan Anda, abaikan email ini: tidak ada yang dihapus tanpa tautan ini.',
  },
};

/** The words for a site's locale (`id`, `id-ID`), English otherwise. */
export function mailWordsFor(locale: string | null | undefined): MailWords {
  return (locale ?? '').toLowerCase().split(/[-_]/)[0] === 'id' ? id : en;
}
