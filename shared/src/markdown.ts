// A small, safe Markdown subset for summit descriptions, session abstracts and announcements, parsed into
// a tree. The web renders the tree as elements and text nodes (Markdown.svelte), so no HTML string is built
// there; e-mails get markdownHtml(), which escapes every piece of text it writes, and markdownText(), the
// same words without the markup. Whatever an organiser types (including "<script>") only ever shows as text.
//
// Supported: paragraphs, headings (#, ##, ###), bullet and numbered lists, **strong**, *emphasis*,
// `code`, [links](https://…) with http(s) targets only. Everything else is text.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

/** Only web links: `javascript:`, `data:` and friends are dropped, keeping their text. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!/^https?:\/\//i.test(href)) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const MAX_DEPTH = 4;
const ESCAPABLE = /[\\`*_[\]()#+\-.!<>]/;

function pushText(nodes: Inline[], text: string): void {
  if (!text) return;
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') last.text += text;
  else nodes.push({ type: 'text', text });
}

const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Finds the closing `]` of a link text starting after `[` at `open`, allowing nested brackets. */
function closingBracket(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return i;
  }
  return -1;
}

export function parseInline(source: string, depth = 0): Inline[] {
  const nodes: Inline[] = [];
  if (depth > MAX_DEPTH) {
    pushText(nodes, source);
    return nodes;
  }
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    const next = source[i + 1];

    if (char === '\\' && next !== undefined && ESCAPABLE.test(next)) {
      pushText(nodes, next);
      i += 2;
      continue;
    }

    if (char === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        nodes.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }

    if ((char === '*' || char === '_') && next === char) {
      const delimiter = char + char;
      let end = source.indexOf(delimiter, i + 2);
      // In "***" closing both an emphasis and a strong, the strong closes with the last two.
      while (end !== -1 && source[end + 2] === char) end++;
      if (end > i + 2 && source[i + 2] !== ' ') {
        nodes.push({ type: 'strong', children: parseInline(source.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }

    // Underscores inside words (snake_case, file_names) are not emphasis.
    if ((char === '*' || char === '_') && !(char === '_' && isWordChar(source[i - 1]))) {
      let end = source.indexOf(char, i + 1);
      while (end !== -1 && source[end + 1] === char) end = source.indexOf(char, end + 2);
      const closes = end > i + 1 && source[i + 1] !== ' ' && !(char === '_' && isWordChar(source[end + 1]));
      if (closes) {
        nodes.push({ type: 'em', children: parseInline(source.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }

    if (char === '[') {
      const close = closingBracket(source, i);
      if (close !== -1 && source[close + 1] === '(') {
        const end = source.indexOf(')', close + 2);
        if (end !== -1) {
          const label = parseInline(source.slice(i + 1, close), depth + 1);
          // A title after the URL ([text](url "title")) is allowed and ignored.
          const target =
            source
              .slice(close + 2, end)
              .trim()
              .split(/\s+/)[0] ?? '';
          const href = safeHref(target);
          if (href) nodes.push({ type: 'link', href, children: label });
          else {
            for (const node of label) {
              if (node.type === 'text') pushText(nodes, node.text);
              else nodes.push(node);
            }
          }
          i = end + 1;
          continue;
        }
      }
    }

    pushText(nodes, char);
    i++;
  }
  return nodes;
}

const HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    list = null;
  };

  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      const level = (heading[1] ?? '#').length as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      flushParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
      continue;
    }
    if (list && /^\s+/.test(rawLine) && list.items.length > 0) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

// Rendering for e-mails.

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function inlineHtml(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return escapeHtml(node.text);
        case 'strong':
          return `<strong>${inlineHtml(node.children)}</strong>`;
        case 'em':
          return `<em>${inlineHtml(node.children)}</em>`;
        case 'code':
          return `<code>${escapeHtml(node.text)}</code>`;
        case 'link':
          return `<a href="${escapeHtml(node.href)}">${inlineHtml(node.children)}</a>`;
      }
    })
    .join('');
}

/**
 * The Markdown as HTML for an e-mail's body, every text escaped and only web links kept. Headings start at
 * <h2>: the e-mail around them has its own title.
 */
export function markdownHtml(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return `<p>${inlineHtml(block.children)}</p>`;
        case 'heading':
          return `<h${block.level + 1}>${inlineHtml(block.children)}</h${block.level + 1}>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
        }
      }
    })
    .join('\n');
}

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.text;
        case 'strong':
        case 'em':
          return inlineText(node.children);
        case 'link': {
          const label = inlineText(node.children);
          // A bare address written as its own label is not repeated.
          return label === node.href || `${label}/` === node.href ? node.href : `${label} (${node.href})`;
        }
      }
    })
    .join('');
}

/**
 * The same Markdown as plain text for an e-mail's text part: no asterisks or brackets, links as
 * "text (address)", list items on lines of their own ("•" or their number), blocks apart by a blank line.
 */
export function markdownText(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          return inlineText(block.children);
        case 'list':
          return block.items
            .map((item, index) => `${block.ordered ? `${index + 1}.` : '•'} ${inlineText(item)}`)
            .join('\n');
      }
    })
    .join('\n\n');
}
