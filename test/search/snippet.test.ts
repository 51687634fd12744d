// The snippet of a search hit: which text it quotes, the words marked, and that it stops reading
// the texts once one holds every word of the query.
import t from 'tap';
import { makeSnippet, type SnippetSource } from '../../server/search/snippet.ts';
import { parseSearch } from '../../server/search/query.ts';

const marked = (snippet: ReturnType<typeof makeSnippet>) => snippet?.segments.filter((s) => s.mark).map((s) => s.text) ?? [];

t.test('quotes the first text holding the most of the query words', async (t) => {
  const { lexemes } = parseSearch('laboratorium datalek');
  const sources: SnippetSource[] = [
    { text: 'Hoe vaak is een datalek gemeld, en een datalek bij een ziekenhuis?', source: 'question', questionNumber: '1' },
    { text: 'Het datalek bij het laboratorium trof 485.000 deelnemers.', source: 'answer', questionNumber: '1' },
    { text: 'Het laboratorium meldde het datalek opnieuw; een tweede datalek volgde.', source: 'question', questionNumber: '2' },
  ];
  const snippet = makeSnippet(sources, lexemes);
  t.equal(snippet?.source, 'answer', 'both words beat one word said twice');
  t.equal(snippet?.questionNumber, '1');
  t.same(marked(snippet), ['datalek', 'laboratorium']);
});

t.test('marks every form of a word, stemmed', async (t) => {
  const { lexemes } = parseSearch('lekken');
  const snippet = makeSnippet([{ text: 'Er zijn gegevens gelekt. Het lek is gedicht; lekken blijven een risico.', source: 'answer', questionNumber: '3' }], lexemes);
  t.same(marked(snippet), ['gelekt', 'lek', 'lekken']);
});

t.test('a text holding every word ends the search: later texts are not read', async (t) => {
  const { lexemes } = parseSearch('ransomware');
  let read = 0;
  const later = {
    source: 'answer' as const,
    questionNumber: '2',
    get text() {
      read++;
      return 'Ransomware, ransomware en nog eens ransomware.';
    },
  };
  const snippet = makeSnippet([{ text: 'Geen treffer hier.', source: 'question', questionNumber: '1' }, { text: 'Een aanval met ransomware.', source: 'answer', questionNumber: '1' }, later], lexemes);
  t.equal(snippet?.questionNumber, '1');
  t.equal(read, 0, 'the third text was never read');
});

t.test('no snippet when no text holds a word, or nothing is searched for', async (t) => {
  t.equal(makeSnippet([{ text: 'Over wachttijden in de zorg.', source: 'title' }], parseSearch('ransomware').lexemes), null);
  t.equal(makeSnippet([{ text: null, source: 'question', questionNumber: '1' }], parseSearch('ransomware').lexemes), null);
  t.equal(makeSnippet([{ text: 'ransomware', source: 'title' }], []), null);
});
