import { describe, expect, it } from 'vitest';
import { markdownHtml, markdownText } from './markdown';

// The parser itself is specified with the web's Markdown component (web/src/lib/markdown.test.ts).
describe('Markdown for e-mails', () => {
  it('writes headings one level under the e-mail’s own title, and emphasis and code as elements', () => {
    expect(markdownHtml('# Day one\n\nStarts *early*, in `Hall B`.')).toBe(
      '<h2>Day one</h2>\n<p>Starts <em>early</em>, in <code>Hall B</code>.</p>',
    );
  });

  it('escapes every text and attribute it writes', () => {
    expect(markdownHtml('[a "quoted" <link>](https://example.org/?a=1&b="2")')).toBe(
      '<p><a href="https://example.org/?a=1&amp;b=%222%22">a &quot;quoted&quot; &lt;link&gt;</a></p>',
    );
  });

  it('writes plain text without markup: numbered items keep their number, a bare link is not repeated', () => {
    expect(markdownText('## Plan\n1. **Arrive**\n2. Sign in at [https://example.org](https://example.org)')).toBe(
      'Plan\n\n1. Arrive\n2. Sign in at https://example.org/',
    );
  });
});
