import { describe, expect, it } from 'vitest';
import { highlight, queryStems, snippet, stemmedText, stemWord } from './text';

describe('search text', () => {
  it('reduces Russian and English word forms to one stem', () => {
    expect(stemWord('водой')).toBe(stemWord('вода'));
    expect(stemWord('Воды')).toBe(stemWord('вода'));
    expect(stemWord('rivers')).toBe(stemWord('river'));
    expect(stemWord('Sharing')).toBe(stemWord('shared'));
    expect(stemWord('ёлка')).toBe(stemWord('елка'));
  });

  it('stores only stems, separated by spaces, whatever the punctuation', () => {
    expect(stemmedText('Rivers, <b>water</b> & "водой"!')).toBe('river b water b вод');
    expect(queryStems('  ')).toEqual([]);
    expect(queryStems('"); DROP TABLE x; --')).toEqual(['drop', 'tabl', 'x']);
    expect(queryStems('river rivers River')).toEqual(['river']);
  });

  it('marks matching words in a snippet around the first match', () => {
    const text = `${'Intro words here. '.repeat(30)}The Amu Darya rivers feed the Aral Sea; a river is shared.`;
    const segments = snippet(text, queryStems('river'));
    expect(segments[0].text.startsWith('… ')).toBe(true);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['rivers', 'river']);
    expect(segments.map((s) => s.text).join('').length).toBeLessThan(220);
  });

  it('keeps the whole text in highlight and marks nothing when nothing matches', () => {
    const text = 'Совместное использование водой <script>';
    expect(
      highlight(text, ['nothing'])
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
    expect(highlight(text, queryStems('вода'))).toEqual([
      { text: 'Совместное использование ', match: false },
      { text: 'водой', match: true },
      { text: ' <script>', match: false },
    ]);
  });
});
