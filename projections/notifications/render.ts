import escapeHtml from 'escape-html';
import type { EmailContent } from './email-content';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Plain text and HTML from the same content; every value is escaped in the HTML (names, messages and reasons come from outside). */
export function renderEmail(content: EmailContent): RenderedEmail {
  return { subject: content.subject, text: plainText(content), html: html(content) };
}

function plainText(c: EmailContent): string {
  const blocks: string[] = [];
  if (c.greeting) blocks.push(c.greeting);
  blocks.push(...c.intro);
  if (c.list?.length) blocks.push(c.list.map((item) => `- ${item}`).join('\n'));
  if (c.quote) blocks.push(c.quote.split('\n').map((line) => `> ${line}`).join('\n'));
  blocks.push(...(c.body ?? []));
  if (c.link) blocks.push(`${c.link.label}: ${c.link.url}`);
  if (c.signature) blocks.push(c.signature);
  blocks.push(`-- \n${c.footer}`);
  return `${blocks.join('\n\n')}\n`;
}

/** Inline styles only and no external resource: mail clients strip the rest, and a remote image would tell a tracker the mail was opened. */
function html(c: EmailContent): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const parts: string[] = [];
  if (c.greeting) parts.push(p(c.greeting));
  parts.push(...c.intro.map(p));
  if (c.list?.length) parts.push(`<ul style="margin:0 0 16px;padding-left:20px">${c.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
  if (c.quote) parts.push(`<blockquote style="margin:0 0 16px;padding-left:12px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(c.quote)}</blockquote>`);
  parts.push(...(c.body ?? []).map(p));
  if (c.link) {
    parts.push(`<p style="margin:0 0 16px"><a href="${escapeHtml(c.link.url)}" style="display:inline-block;padding:10px 16px;background:#1a56db;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(c.link.label)}</a></p>`);
    parts.push(`<p style="margin:0 0 16px;font-size:13px;word-break:break-all">${escapeHtml(c.link.url)}</p>`);
  }
  if (c.signature) parts.push(p(c.signature));
  parts.push(`<p style="margin:24px 0 0;font-size:12px;color:#666">${escapeHtml(c.footer)}</p>`);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(c.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(c.subject)}</title></head>`,
    `<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111"><div style="max-width:600px;margin:0 auto">${parts.join('')}</div></body></html>`,
    '',
  ].join('\n');
}
