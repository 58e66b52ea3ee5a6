// A plain-text e-mail as text and links, for the development mailbox. Svelte writes the text parts as
// text nodes, so nothing in a message can become markup; only http(s) addresses become links, so that
// a "javascript:" or "data:" address in a message stays inert text.

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.org/a."). */
const TRAILING = /[.,;:!?'"»”’]+$/;

function trimAddress(candidate: string): string {
  let address = candidate.replace(TRAILING, '');
  // A closing bracket belongs to the address only if it opened one: "(https://x.org/a)" vs "https://x.org/a_(b)".
  while (/[)\]]$/.test(address)) {
    const close = address.endsWith(')') ? ')' : ']';
    const open = close === ')' ? '(' : '[';
    if (address.split(open).length >= address.split(close).length) break;
    address = address.slice(0, -1).replace(TRAILING, '');
  }
  return address;
}

function webUrl(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const push = (part: TextPart): void => {
    const previous = parts.at(-1);
    if (part.kind === 'text' && previous?.kind === 'text') previous.text += part.text;
    else if (part.kind === 'link' || part.text) parts.push(part);
  };
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const start = match.index;
    const address = trimAddress(match[0]);
    const href = webUrl(address);
    if (!href) continue;
    push({ kind: 'text', text: text.slice(last, start) });
    push({ kind: 'link', text: address, href });
    last = start + address.length;
  }
  push({ kind: 'text', text: text.slice(last) });
  return parts;
}
