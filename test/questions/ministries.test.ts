import t from 'tap';
import { addresseeLabel, distinctAddressees, parseAddresseeFunction } from '../../server/questions/ministries.ts';

const CASES: [string, string | null, string | null][] = [
  ['minister van Volksgezondheid, Welzijn en Sport', 'minister', 'VWS'],
  ['Minister van Volksgezondheid, Welzijn en Sport', 'minister', 'VWS'],
  ['staatssecretaris van Volksgezondheid, Welzijn en Sport', 'staatssecretaris', 'VWS'],
  ['staatssecretaris van Justitie en Veiligheid', 'staatssecretaris', 'JenV'],
  ['minister van Veiligheid en Justitie', 'minister', 'JenV'],
  ['minister voor Medische Zorg', 'minister zonder portefeuille', 'VWS'],
  ['minister voor Medische Zorg en Sport', 'minister zonder portefeuille', 'VWS'],
  ['minister voor Langdurige Zorg', 'minister zonder portefeuille', 'VWS'],
  ['minister voor Rechtsbescherming', 'minister zonder portefeuille', 'JenV'],
  ['minister zonder portefeuille', 'minister zonder portefeuille', null],
  ['minister voor Buitenlandse Handel en Ontwikkelingssamenwerking', 'minister zonder portefeuille', 'BuZa'],
  ['minister van Economische Zaken en Klimaat', 'minister', 'EZK'],
  ['minister van Economische Zaken', 'minister', 'EZ'],
  ['minister van Landbouw, Natuur en Voedselkwaliteit', 'minister', 'LNV'],
  ['minister van Landbouw, Visserij, Voedselzekerheid en Natuur', 'minister', 'LVVN'],
  ['minister van Klimaat en Groene Groei', 'minister', 'KGG'],
  ['minister van Asiel en Migratie', 'minister', 'AenM'],
  ['minister van Binnenlandse Zaken en Koninkrijksrelaties', 'minister', 'BZK'],
  ['staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties', 'staatssecretaris', 'BZK'],
  ['minister van Financiën', 'minister', 'FIN'],
  ['staatssecretaris van Financiën - Fiscaliteit en Belastingdienst', 'staatssecretaris', 'FIN'],
  ['minister van Onderwijs, Cultuur en Wetenschap', 'minister', 'OCW'],
  ['minister van Sociale Zaken en Werkgelegenheid', 'minister', 'SZW'],
  ['minister van Infrastructuur en Waterstaat', 'minister', 'IenW'],
  ['minister van Infrastructuur en Milieu', 'minister', 'IenM'],
  ['minister van Buitenlandse Zaken', 'minister', 'BuZa'],
  ['minister van Defensie', 'minister', 'Def'],
  ['minister-president, minister van Algemene Zaken', 'minister-president', 'AZ'],
  ['minister van Algemene Zaken', 'minister', 'AZ'],
  ['viceminister-president, minister van Volksgezondheid, Welzijn en Sport', 'minister', 'VWS'],
  ['staatssecretaris van Economische Zaken en Klimaat', 'staatssecretaris', 'EZK'],
  ['Tweede Kamerlid', null, null],
];

t.test('function texts map to a post and a ministry', async (t) => {
  for (const [text, post, ministry] of CASES) {
    const got = parseAddresseeFunction(text);
    t.same({ post: got.post, ministry: got.ministry }, { post, ministry }, text);
  }
  t.equal(parseAddresseeFunction('minister van Economische Zaken en Klimaat').family, 'EZ', 'EZK is in the EZ line');
  t.equal(parseAddresseeFunction('minister van Landbouw, Visserij, Voedselzekerheid en Natuur').family, 'LNV');
  t.equal(parseAddresseeFunction(null).post, null);
});

t.test('addressee labels: a person with their function, an office named once', async (t) => {
  t.equal(addresseeLabel('E.J. Agema', 'minister van Volksgezondheid, Welzijn en Sport'), 'E.J. Agema, minister van Volksgezondheid, Welzijn en Sport');
  t.equal(addresseeLabel('Minister van VWS', 'minister van Volksgezondheid, Welzijn en Sport'), 'minister van Volksgezondheid, Welzijn en Sport', 'the office by its short name restates the function');
  t.equal(addresseeLabel('Minister van Volksgezondheid, Welzijn en Sport', 'minister van Volksgezondheid, Welzijn en Sport'), 'minister van Volksgezondheid, Welzijn en Sport');
  t.equal(addresseeLabel('M. Minister', 'minister van Volksgezondheid, Welzijn en Sport'), 'M. Minister, minister van Volksgezondheid, Welzijn en Sport', 'a person whose surname is Minister');
  t.equal(
    addresseeLabel('Staatssecretaris van VWS', 'minister van Volksgezondheid, Welzijn en Sport'),
    'Staatssecretaris van VWS, minister van Volksgezondheid, Welzijn en Sport',
    'another post is not a restatement',
  );
  t.equal(
    addresseeLabel('Minister van Financiën', 'minister van Volksgezondheid, Welzijn en Sport'),
    'Minister van Financiën, minister van Volksgezondheid, Welzijn en Sport',
    'another ministry is not a restatement',
  );
  t.equal(addresseeLabel('J. Tielen', null), 'J. Tielen');
  t.equal(addresseeLabel(null, 'minister voor Medische Zorg'), 'minister voor Medische Zorg');
  t.equal(addresseeLabel(' ', ''), '');

  const labels = distinctAddressees(
    [
      { name: 'Minister van VWS', functie: 'minister van Volksgezondheid, Welzijn en Sport' },
      { name: null, functie: 'Minister van Volksgezondheid, Welzijn en Sport' },
      { name: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' },
      { name: null, functie: null },
    ],
    (a) => [a.name, a.functie],
  ).map((a) => a.label);
  t.same(labels, ['minister van Volksgezondheid, Welzijn en Sport', 'J. Tielen, staatssecretaris van Volksgezondheid, Welzijn en Sport'], 'one office addressed twice is named once; an empty actor is left out');

  const withHolder = distinctAddressees(
    [
      { name: 'Minister van VWS', functie: 'minister van Volksgezondheid, Welzijn en Sport' },
      { name: 'E.J. Agema', functie: 'minister van Volksgezondheid, Welzijn en Sport' },
      { name: 'V.P.G. Karremans', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' },
      { name: 'M. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport' },
    ],
    (a) => [a.name, a.functie],
  ).map((a) => a.label);
  t.same(
    withHolder,
    [
      'E.J. Agema, minister van Volksgezondheid, Welzijn en Sport',
      'V.P.G. Karremans, staatssecretaris van Volksgezondheid, Welzijn en Sport',
      'M. Tielen, staatssecretaris van Volksgezondheid, Welzijn en Sport',
    ],
    'the office gives way to the person holding it; two people with one function both stay',
  );
});
