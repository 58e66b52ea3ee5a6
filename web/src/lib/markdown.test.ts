import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Markdown from '../components/Markdown.svelte';
import { parseInline, parseMarkdown, safeHref } from '@apoc/shared/markdown';

describe('the Markdown subset', () => {
  it('turns blank-line separated text into paragraphs, joining wrapped lines', () => {
    expect(parseMarkdown('First line\nsame paragraph.\n\nSecond paragraph.')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'First line same paragraph.' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Second paragraph.' }] },
    ]);
  });

  it('reads bullet and numbered lists', () => {
    expect(parseMarkdown('- thoracic\n- gastrointestinal\n\n1. one\n2. two')).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[{ type: 'text', text: 'thoracic' }], [{ type: 'text', text: 'gastrointestinal' }]],
      },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]] },
    ]);
  });

  it('reads strong, emphasis (also nested) and code', () => {
    expect(parseInline('**bold *and em*** and `code`')).toEqual([
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'bold ' },
          { type: 'em', children: [{ type: 'text', text: 'and em' }] },
        ],
      },
      { type: 'text', text: ' and ' },
      { type: 'code', text: 'code' },
    ]);
  });

  it('leaves underscores inside words alone', () => {
    expect(parseInline('see file_name_here')).toEqual([{ type: 'text', text: 'see file_name_here' }]);
  });

  it('keeps http and https links', () => {
    expect(parseInline('[charter](https://example.org/charter)')).toEqual([
      { type: 'link', href: 'https://example.org/charter', children: [{ type: 'text', text: 'charter' }] },
    ]);
  });

  it('drops javascript:, data: and relative links but keeps their text', () => {
    expect(parseInline('[click](javascript:alert(1)) [x](data:text/html,hi) [y](/summits)')).toEqual([
      { type: 'text', text: 'click) x y' },
    ]);
    expect(safeHref('JavaScript:alert(1)')).toBeNull();
    expect(safeHref(' https://example.org ')).toBe('https://example.org/');
  });
});

describe('<Markdown>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(source: string): HTMLElement {
    component = mount(Markdown, { target: document.body, props: { source } });
    flushSync();
    return document.body;
  }

  it('shows HTML in the source as text, never as elements', () => {
    const body = render('Hello <script>alert("x")</script> and <img src=x onerror="alert(1)">');
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('img')).toBeNull();
    expect(body.textContent).toContain('<script>alert("x")</script>');
  });

  it('renders no link for a javascript: target', () => {
    const body = render('[bad](javascript:alert(1)) and [good](https://example.org)');
    const links = [...body.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.org/']);
    expect(body.textContent).toContain('bad');
  });

  it('renders paragraphs, lists and emphasis as elements', () => {
    const body = render('Intro with **bold**.\n\n- one\n- *two*');
    expect(body.querySelector('p strong')?.textContent).toBe('bold');
    expect([...body.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(body.querySelector('li em')?.textContent).toBe('two');
  });
});
