// One look for every e-mail: plain text that reads well on its own, and simple HTML with the same words, in the
// recipient's language.
import type { Language } from '@apoc/shared';
import { m } from '../../i18n/locale';

/**
 * The locale a mail's dates and times are written in: the recipient's language; English mail keeps the British
 * "Tue 9 Mar 2027, 14:00" it has always had.
 */
export function mailLocale(language: Language): string {
  return language === 'en' ? 'en-GB' : language;
}

/** A block rendered by its sender, e.g. from Markdown: its HTML must already be escaped. */
export interface RenderedBlock {
  text: string;
  html: string;
}

export interface MailContent {
  /** The recipient's: the frame's own words and the HTML's `lang` follow it. */
  language: Language;
  greeting: string;
  /** Text paragraphs (escaped here), or blocks their sender rendered. */
  paragraphs: (string | RenderedBlock)[];
  action?: { label: string; url: string };
  /** Lines after the button, e.g. why the person received this. */
  footnotes?: string[];
}

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderMail(content: MailContent): { text: string; html: string } {
  const locale = content.language;
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [typeof p === 'string' ? p : p.text, '']),
    ...(content.action
      ? [m.mail_action_line({ label: content.action.label }, { locale }), content.action.url, '']
      : []),
    ...(content.footnotes ?? []).flatMap((line) => [line, '']),
    '— APoC Summits, Amgen Partners of Choice',
  ].join('\n');

  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escape(content.action.url)}" style="background:#0b3d91;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escape(content.action.label)}</a></p>
<p style="font-size:13px;color:#4a5568">${escape(m.mail_button_fallback({}, { locale }))}<br><span style="word-break:break-all">${escape(content.action.url)}</span></p>`
    : '';
  const html = `<!doctype html><html lang="${content.language}"><body style="margin:0;background:#f4f7fb;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1a202c">
<div style="max-width:560px;margin:0 auto;padding:32px 24px;background:#ffffff">
<p style="font-size:13px;letter-spacing:.04em;text-transform:uppercase;color:#0f766e;margin:0 0 16px">APoC Summits</p>
<p>${escape(content.greeting)}</p>
${content.paragraphs.map((p) => (typeof p === 'string' ? `<p>${escape(p)}</p>` : p.html)).join('\n')}
${button}
${(content.footnotes ?? []).map((line) => `<p style="font-size:13px;color:#4a5568">${escape(line)}</p>`).join('\n')}
<p style="font-size:13px;color:#4a5568;margin-top:32px">APoC Summits · Amgen Partners of Choice</p>
</div></body></html>`;
  return { text, html };
}
