import { describe, expect, it } from 'vitest';
import { announcement } from './announcements.messages';

describe('the announcement e-mail', () => {
  const context = {
    summit: { id: 'summit-1', title: 'Essen Summit' },
    title: 'What to bring',
    audience: 'in_person' as const,
    institutionName: null,
    authorName: 'Olivia Organiser',
    publicUrl: new URL('https://summits.example.org'),
  };
  const mail = (body: string) => announcement({ ...context, body }, { name: 'Ada', email: 'ada@example.org' });

  it('renders the Markdown of the body in the HTML part: lists, bold and links', () => {
    const { html } = mail(
      'Please bring:\n\n- your **badge**\n- a laptop\n\n1. register\n2. [read the agenda](https://summits.example.org/summits/summit-1)',
    );
    expect(html).toContain('<p>Please bring:</p>');
    expect(html).toContain('<ul><li>your <strong>badge</strong></li><li>a laptop</li></ul>');
    expect(html).toContain(
      '<ol><li>register</li><li><a href="https://summits.example.org/summits/summit-1">read the agenda</a></li></ol>',
    );
  });

  it('keeps a clean text part: the same words, list items on their own lines, links spelled out', () => {
    const { text } = mail('Please bring:\n- your **badge**\n- a *laptop*\n\nSee [the agenda](https://example.org/a).');
    expect(text).toContain('Please bring:\n\n• your badge\n• a laptop\n\nSee the agenda (https://example.org/a).');
    expect(text).not.toMatch(/\*|\[|\]\(/);
  });

  it('escapes HTML and scripts written in the body, and drops links that are not web links', () => {
    const { html, text } = mail(
      '<script>alert("x")</script> and <b>bold</b>\n\n- [click](javascript:void) & **<img src=x onerror=alert(1)>**',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('<li>click &amp; <strong>&lt;img src=x onerror=alert(1)&gt;</strong></li>');
    // The text part is plain text: what was typed stays readable as typed, minus the Markdown.
    expect(text).toContain('<script>alert("x")</script> and <b>bold</b>');
    expect(text).toContain('• click & <img src=x onerror=alert(1)>');
  });

  it('names the summit, the title and the audience, links to the summit page and escapes the HTML', () => {
    const message = announcement(
      {
        summit: { id: 'summit-1', title: 'Essen Summit' },
        title: 'Room change <today>',
        body: 'The plenary moves to **Hall B**.',
        audience: 'in_person',
        institutionName: null,
        authorName: 'Olivia Organiser',
        publicUrl: new URL('https://summits.example.org'),
      },
      { name: 'Ada', email: 'ada@example.org' },
    );
    expect(message).toMatchObject({
      kind: 'announcement',
      recipient: 'ada@example.org',
      subject: 'Essen Summit: Room change <today>',
    });
    expect(message.text).toContain('The organisers of Essen Summit write to everyone attending in person:');
    expect(message.text).toContain('The plenary moves to Hall B.');
    expect(message.html).toContain('<p>The plenary moves to <strong>Hall B</strong>.</p>');
    expect(message.text).toContain('https://summits.example.org/summits/summit-1');
    expect(message.html).toContain('Room change &lt;today&gt;');
    expect(message.html).not.toContain('<today>');
  });

  it('writes the title and body in the recipient’s language where the organiser gave them, else as written', () => {
    const translated = {
      ...context,
      title: 'Room change',
      body: 'The plenary moves to **Hall B**.',
      translations: {
        ko: { title: '강의실 변경', body: '본회의는 **B홀**로 옮깁니다.' },
        de: { title: 'Raumwechsel' },
      },
    };
    const korean = announcement(translated, { name: '민지', email: 'minji@example.org', language: 'ko' });
    expect(korean.subject).toBe('Essen Summit: 강의실 변경');
    expect(korean.text).toContain('본회의는 B홀로 옮깁니다.');
    expect(korean.html).toContain('<p>본회의는 <strong>B홀</strong>로 옮깁니다.</p>');
    expect(korean.text).not.toContain('Hall B');

    // A title alone: the body as written.
    const german = announcement(translated, { name: 'Jana', email: 'jana@example.org', language: 'de' });
    expect(german.subject).toBe('Essen Summit: Raumwechsel');
    expect(german.text).toContain('The plenary moves to Hall B.');

    // No translation into their language, or none at all: the original, and English mail as it always was.
    const spanish = announcement(translated, { name: 'Laia', email: 'laia@example.org', language: 'es' });
    expect(spanish.subject).toBe('Essen Summit: Room change');
    const english = announcement(translated, { name: 'Ada', email: 'ada@example.org' });
    const { translations: _none, ...untranslated } = translated;
    expect(english).toEqual(announcement(untranslated, { name: 'Ada', email: 'ada@example.org' }));
  });
});
