/**
 * The tracking page as HTML: server-rendered, one self-contained document (inline CSS, no
 * script, no image, no font or anything else fetched), semantic and readable on a phone.
 * Every value from an order is escaped.
 */
import escapeHtml from 'escape-html';
import { CUSTOMER_LOCALES, type BusinessCalendar, type CustomerLocale } from '@app/ordering';
import { CATALOGUES, fill, HTML_LANG } from './messages';
import { dateFormatter, moneyFormatter, type TrackedOrder } from './tracked-order';

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#f5f5f2}
header,main,footer{max-width:42rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
p{margin:.25rem 0}
ul.cards{list-style:none;margin:0;padding:0}
.card{background:#fff;border:1px solid #d6d6d0;border-radius:.5rem;padding:1rem;margin:0 0 .75rem}
.status{display:inline-block;font-weight:600;padding:.1rem .6rem;border-radius:1rem;background:#e6efe6;color:#174d17}
.muted{color:#4a4a4a}
dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.5rem 0 0}
dt{color:#4a4a4a}dd{margin:0;overflow-wrap:anywhere}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;margin:0;padding:0}
nav a{display:inline-block;padding:.5rem .75rem;min-height:44px;border-radius:.4rem;color:#0b4f8a;text-decoration:underline}
nav a[aria-current]{color:#1a1a1a;text-decoration:none;font-weight:600;background:#e4e4de}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export function trackingPageHtml(order: TrackedOrder, calendar: BusinessCalendar): string {
  const m = CATALOGUES[order.locale].page;
  const date = dateFormatter(order.locale, calendar);
  const items = order.items.map((item) => `
      <li class="card">
        <h3>${escapeHtml(item.name)}</h3>
        <p class="muted">${escapeHtml(fill(m.quantity, { quantity: item.quantity }))}</p>
        <p><span class="status">${escapeHtml(item.statusLabel)}</span></p>
        <p>${escapeHtml(item.statusText)}</p>
        ${item.carrier !== undefined || item.trackingNumber !== undefined ? `<dl>
          ${item.carrier !== undefined ? `<dt>${escapeHtml(m.carrier)}</dt><dd>${escapeHtml(item.carrier)}</dd>` : ''}
          ${item.trackingNumber !== undefined ? `<dt>${escapeHtml(m.trackingNumber)}</dt><dd>${escapeHtml(item.trackingNumber)}</dd>` : ''}
        </dl>` : ''}
      </li>`).join('');
  const refunds = order.refunds.length === 0 ? `<p>${escapeHtml(m.noRefunds)}</p>` : `<ul class="cards">${order.refunds.map((refund) => {
    const money = moneyFormatter(order.locale, refund.currency);
    return `
      <li class="card">
        <h3>${escapeHtml(fill(m.refundOf, { amount: money(refund.total) }))}</h3>
        <p><span class="status">${escapeHtml(refund.destinationLabel)}</span></p>
        <p>${escapeHtml(refund.text)}</p>
        <dl>
          <dt>${escapeHtml(m.issued)}</dt><dd><time datetime="${escapeHtml(refund.issuedAt)}">${escapeHtml(date(refund.issuedAt))}</time></dd>
          <dt>${escapeHtml(m.expected)}</dt><dd><time datetime="${escapeHtml(refund.fundsExpectedBy)}">${escapeHtml(date(refund.fundsExpectedBy))}</time></dd>
        </dl>
      </li>`;
  }).join('')}</ul>`;
  const body = `
  <main>
    <h1>${escapeHtml(fill(m.heading, { orderId: order.orderId }))}</h1>
    <p class="muted"><time datetime="${escapeHtml(order.placedAt)}">${escapeHtml(fill(m.placedOn, { date: date(order.placedAt) }))}</time></p>
    <section aria-labelledby="order-status">
      <h2 id="order-status">${escapeHtml(m.orderStatus)}</h2>
      <p><span class="status">${escapeHtml(order.statusLabel)}</span></p>
      <p>${escapeHtml(order.statusText)}</p>
    </section>
    <section aria-labelledby="items">
      <h2 id="items">${escapeHtml(m.items)}</h2>
      <ul class="cards">${items}
      </ul>
    </section>
    <section aria-labelledby="refunds">
      <h2 id="refunds">${escapeHtml(m.refunds)}</h2>
      ${refunds}
    </section>
  </main>`;
  return documentHtml(order.locale, fill(m.title, { orderId: order.orderId }), body);
}

/** The same page for every link that leads nowhere: unknown, replaced or malformed. */
export function notFoundPageHtml(locale: CustomerLocale): string {
  const m = CATALOGUES[locale].page;
  return documentHtml(locale, m.notFoundTitle, `
  <main>
    <h1>${escapeHtml(m.notFoundTitle)}</h1>
    <p>${escapeHtml(m.notFoundText)}</p>
  </main>`);
}

/** Language links are relative (`?lang=fr`): the page never writes its own token into itself. */
function documentHtml(locale: CustomerLocale, title: string, main: string): string {
  const m = CATALOGUES[locale].page;
  return `<!doctype html>
<html lang="${HTML_LANG[locale]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
  <header>
    <nav aria-label="${escapeHtml(m.language)}">
      <ul>${CUSTOMER_LOCALES.map((other) => `
        <li><a href="?lang=${other}" lang="${HTML_LANG[other]}" hreflang="${HTML_LANG[other]}"${other === locale ? ' aria-current="true"' : ''}>${escapeHtml(CATALOGUES[other].meta.languageName)}</a></li>`).join('')}
      </ul>
    </nav>
  </header>${main}
  <footer>
    <p class="muted">${escapeHtml(m.privacy)}</p>
  </footer>
</body>
</html>
`;
}
