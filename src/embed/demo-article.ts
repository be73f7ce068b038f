/**
 * The demo news article served at `/`: a made-up story laid out like a news site's article page,
 * so a newcomer has a page to comment under in the first minute.
 */
export function demoArticlePage(siteSlug: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbour town votes to keep its night ferry | The Kolom Courier</title>
<link rel="canonical" href="/news/harbour-town-keeps-night-ferry">
<style>
  body { margin: 0; font: 18px/1.6 Georgia, 'Times New Roman', serif; color: #1a1a1a; background: #fff; }
  header { border-bottom: 3px double #1a1a1a; padding: 12px 20px; font: 700 28px/1 Georgia, serif; letter-spacing: .02em; }
  main { max-width: 680px; margin: 0 auto; padding: 24px 20px 64px; }
  .kicker { font: 700 13px/1 system-ui, sans-serif; text-transform: uppercase; color: #b3261e; letter-spacing: .08em; }
  h1 { font-size: 36px; line-height: 1.15; margin: 8px 0 12px; }
  .byline { font: 14px/1.4 system-ui, sans-serif; color: #555; margin-bottom: 24px; }
  #comments { margin-top: 48px; border-top: 1px solid #ddd; padding-top: 16px; font: 15px/1.5 system-ui, sans-serif; }
  .demo-note { font: 14px/1.5 system-ui, sans-serif; color: #555; border-top: 1px solid #ddd; margin-top: 32px; padding-top: 12px; }
</style>
</head>
<body>
<header>The Kolom Courier</header>
<main>
  <article>
    <div class="kicker">Local</div>
    <h1>Harbour town votes to keep its night ferry</h1>
    <div class="byline">By Sari Wulandari · Kolom demo story · the events and people are made up</div>
    <p>After three hours of debate that spilled from the council chamber onto the quay, the town council
    voted seven to four on Tuesday night to keep the 11 p.m. ferry to the islands running through the winter.</p>
    <p>Nurses, bakers and the night shift at the fish market had packed the public gallery. "Without the last
    boat, half of us sleep on the mainland or don't work," said one, who has crossed at night for twelve years.</p>
    <p>The ferry company had asked for a subsidy to cover the winter months, when the late crossing often carries
    fewer than twenty passengers. The council will pay it from the harbour fund for one season and review the
    timetable in spring.</p>
    <p>Opponents argued the money would be better spent on the crumbling north pier. The harbour master said both
    could be done if the pier repairs were spread over two years.</p>
  </article>
  <section id="comments" aria-label="Comments">
    <div id="kolom-thread"></div>
    <script src="/embed.js" data-site="${siteSlug}" async></script>
  </section>
  <p class="demo-note">Kolom demo: moderators work these comments at <a href="/moderate">/moderate</a>
  (the first admin's password is in the server's first log lines).</p>
</main>
</body>
</html>`;
}
