import { describe, expect, it } from 'vitest';
import { announcement, bodyParagraphs } from './announcements.messages';

describe('the announcement e-mail', () => {
  it('keeps paragraphs as written, separated by blank lines', () => {
    expect(bodyParagraphs('First line\nsame paragraph.\r\n\r\n\n  Second one.  ')).toEqual([
      'First line\nsame paragraph.',
      'Second one.',
    ]);
  });

  it('gives each line of a list or a heading a paragraph of its own', () => {
    expect(bodyParagraphs('## Bring\n- your badge\n- a laptop\n\n1. first\n2) second')).toEqual([
      '## Bring',
      '- your badge',
      '- a laptop',
      '1. first',
      '2) second',
    ]);
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
    expect(message.text).toContain('The plenary moves to **Hall B**.');
    expect(message.text).toContain('https://summits.example.org/summits/summit-1');
    expect(message.html).toContain('Room change &lt;today&gt;');
    expect(message.html).not.toContain('<today>');
  });
});
