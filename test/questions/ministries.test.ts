import t from 'tap';
import { parseAddresseeFunction } from '../../server/questions/ministries.ts';

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
