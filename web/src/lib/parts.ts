// A sentence with a styled piece inside ("Registration closes <strong>Tue 9 Mar</strong>") is still one message
// per language, because languages put that piece in different places. The message is written with the piece as
// an input; the page asks for it with a marker in the piece's place and splits around the marker:
//
//   {@const [before, after] = around(m.registration_closes({ when: SLOT }))}
//   {before}<strong>{when}</strong>{after}

/** Stands in for the styled piece while the message is written. */
export const SLOT = '\u{E000}';

/** The text before and after the styled piece (the whole text before it when the message has none). */
export function around(text: string): [before: string, after: string] {
  const at = text.indexOf(SLOT);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + SLOT.length)];
}
