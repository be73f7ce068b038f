/**
 * Runs Kolom's ports of WordPress's link count (check_comment after make_clickable) and is_email()
 * beside WordPress's own functions, from PHP, on the same texts and addresses, and prints every
 * difference. Needs `php` and a WordPress to load (Debian: `apt-get install php-cli php-mysql
 * wordpress`, a database in /etc/wordpress/config-localhost.php); never part of the tests.
 * Run with `npm run build && node dist/bench/wordpress-functions.js [WORDPRESS_DIR]`
 * (default /usr/share/wordpress). Exits 1 when an answer differs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countLinks } from '../src/spam/links.js';
import { isWordPressEmail } from '../src/threads/email-address.js';

const wordpress = process.argv[2] ?? '/usr/share/wordpress';

// SHORTINIT loads WordPress without themes or plugins; the two functions need formatting and kses.
const harness = `<?php
$_SERVER['HTTP_HOST'] = 'localhost';
define('SHORTINIT', true);
require ${JSON.stringify(`${wordpress}/wp-load.php`)};
require_once ABSPATH . WPINC . '/formatting.php';
require_once ABSPATH . WPINC . '/kses.php';
$cases = json_decode(file_get_contents('php://stdin'), true);
$answers = array('links' => array(), 'emails' => array());
foreach ($cases['links'] as $text) { $answers['links'][] = preg_match_all('/<a [^>]*href/i', make_clickable($text)); }
foreach ($cases['emails'] as $email) { $answers['emails'][] = is_email($email) !== false; }
echo json_encode($answers);
`;

const texts = [
  'No links here.',
  'See <a href="https://a.example">this</a> and https://b.example/data',
  'Try www.a.example or ftp.b.example, or write to ayu@example.org',
  'seehttps://a.example xwww.b.example',
  'javascript://a.example irc://chat.example/room',
  '<a href="https://a.example">https://a.example</a>',
  '<code>https://a.example</code> <https://b.example>',
  '(www.a.example). https://a.example/(x) https://a.example)',
  `see www.a.example ${'x '.repeat(6000)}`,
  `www.${'a'.repeat(2500)} ${'y '.repeat(5000)}`,
  'see\u00a0www.a.example <))!http://www.b.example <?tel://1',
];
const pieces = ['https://a.example', 'www.b.example', 'ayu@c.example', '<a href="d">', '</a>', '(', ')', ' ', '.', ',', 'x', '<code>', '</code>'];
const morePieces = ['ftp.e.example', 'http://', 'mailto:f@g.example', '<', '>', 'é', ':', '!', '?', '\n', 'tel://1'];
const alphabet = [...pieces, ...morePieces];
let seed = 20261204;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 0; i < 3000; i++) {
  let text = '';
  for (let n = 1 + Math.floor(random() * 8); n > 0; n--) text += alphabet[Math.floor(random() * alphabet.length)];
  texts.push(text);
}

const emails = [
  'ayu@example.org',
  'a..b@example.org',
  '.ayu@example.org',
  "o'brien+news=x@example.org",
  'ab@c.d',
  'ayu@example.123',
  `${'a'.repeat(80)}@example.org`,
  'a@b.c',
  '@ayu@example.org',
  'ayu@@example.org',
  'ayü@example.org',
  'ayu@bücher.example',
  'ayu@example..org',
  'ayu@.example.org',
  'ayu@localhost',
  'ayu@example-.org',
  'ayu@ex_ample.org',
  '"ayu"@example.org',
  'ｓｐａｍｍｅｒ@example.com',
  'ayu@example.org\n',
];

const file = join(mkdtempSync(join(tmpdir(), 'kolom-wp-')), 'harness.php');
writeFileSync(file, harness);
const output = execFileSync('php', [file], { input: JSON.stringify({ links: texts, emails }), stdio: ['pipe', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
const theirs = JSON.parse(output.toString()) as { links: number[]; emails: boolean[] };

let differences = 0;
texts.forEach((text, i) => {
  if (countLinks(text) === theirs.links[i]) return;
  differences += 1;
  console.log(`links ${JSON.stringify(text.slice(0, 120))}: Kolom ${countLinks(text)}, WordPress ${theirs.links[i]}`);
});
emails.forEach((email, i) => {
  if (isWordPressEmail(email) === theirs.emails[i]) return;
  differences += 1;
  console.log(`is_email ${JSON.stringify(email)}: Kolom ${isWordPressEmail(email)}, WordPress ${theirs.emails[i]}`);
});
console.log(`${texts.length} texts, ${emails.length} addresses: ${differences} differences`);
process.exitCode = differences === 0 ? 0 : 1;
