// A large synthetic SyncFeed for the benchmark, served from its own process so the server's CPU
// does not count against the client being measured. Run directly:
//   node --import tsx test/bench/synthetic-feed.ts <entries>
// prints `READY <url>` once every page is rendered (pages are rendered up front so that serving
// is a memory copy, not XML generation).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EntitySpec, entryXml, feedXml, nextHref } from '../sync/helpers/feed-xml.ts';

export const PAGE_SIZE = 250;

/** Share of the entries per category, roughly as in the real feed. */
const WEIGHTS: [string, number][] = [
  ['Fractie', 0.002],
  ['Persoon', 0.02],
  ['FractieZetel', 0.01],
  ['FractieZetelPersoon', 0.02],
  ['Commissie', 0.003],
  ['Kamerstukdossier', 0.015],
  ['Activiteit', 0.06],
  ['ActiviteitActor', 0.07],
  ['Zaak', 0.15],
  ['ZaakActor', 0.2],
  ['Document', 0.3],
  ['DocumentActor', 0.15],
];

export function categoryCounts(total: number): [string, number][] {
  const counts = WEIGHTS.map(([c, w]) => [c, Math.max(1, Math.floor(total * w))] as [string, number]);
  const sum = counts.reduce((n, [, k]) => n + k, 0);
  counts[counts.length - 3]![1] += total - sum; // rounding goes to Document
  return counts;
}

const gid = (cat: number, i: number) => `${(0xb0000000 + cat).toString(16)}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const CAT = Object.fromEntries(WEIGHTS.map(([c], i) => [c, i]));
const SOORTEN = ['Schriftelijke vragen', 'Antwoord schriftelijke vragen', 'Mededeling (uitstel antwoord)', 'Brief regering', 'Motie', 'Verslag van een schriftelijk overleg'];

function bijgewerkt(i: number): string {
  return new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace('Z', '0000Z');
}

export function entity(category: string, i: number, counts: Record<string, number>): EntitySpec {
  const id = gid(CAT[category]!, i);
  const b = bijgewerkt(i);
  const ref = (c: string, k: number) => gid(CAT[c]!, k % Math.max(1, counts[c] ?? 1));
  const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  switch (category) {
    case 'Fractie':
      return { id, bijgewerkt: b, contentType: 'image/jpeg', contentLength: 9000, fields: { nummer: i, afkorting: `F${i}`, naamNl: `Fractie ${i}`, naamEn: `Group ${i}`, aantalZetels: i % 30, aantalStemmen: 10000 + i, datumActief: '2023-12-06', datumInactief: null } };
    case 'Persoon':
      return { id, bijgewerkt: b, fields: { nummer: i, titels: null, initialen: 'A.B.', tussenvoegsel: i % 3 ? null : 'van', achternaam: `Achternaam${i}`, voornamen: 'Anna Berta', roepnaam: 'Anna', geslacht: i % 2 ? 'man' : 'vrouw', functie: 'Tweede Kamerlid', geboortedatum: '1975-04-03', geboorteplaats: 'Utrecht', woonplaats: 'Den Haag', land: 'NL', fractielabel: `F${i % 15}` } };
    case 'FractieZetel':
      return { id, bijgewerkt: b, refs: { fractie: ref('Fractie', i) }, fields: { gewicht: i } };
    case 'FractieZetelPersoon':
      return { id, bijgewerkt: b, refs: { fractieZetel: ref('FractieZetel', i), persoon: ref('Persoon', i) }, fields: { functie: 'Lid', van: '2023-12-06', totEnMet: i % 4 ? null : '2025-06-30' } };
    case 'Commissie':
      return { id, bijgewerkt: b, fields: { nummer: `2019A${i}`, soort: 'Vaste commissie', afkorting: `C${i}`, naamNl: `Vaste commissie ${i}`, naamEn: `Committee ${i}`, naamWebNl: `Commissie ${i}`, naamWebEn: `Committee ${i}`, datumActief: '2019-01-01', datumInactief: null } };
    case 'Kamerstukdossier':
      return { id, bijgewerkt: b, fields: { titel: `Dossier ${i} over zorg en ICT`, citeertitel: null, alias: null, nummer: 30000 + i, toevoeging: null, hoogsteVolgnummer: i % 400, afgesloten: false, kamer: 'Tweede Kamer' } };
    case 'Activiteit':
      return { id, bijgewerkt: b, refs: { voortouwcommissie: ref('Commissie', i) }, fields: { soort: i % 7 ? 'Commissiedebat' : 'Technische briefing', nummer: `2025A${i}`, onderwerp: `Onderwerp van activiteit ${i}`, datumSoort: 'Dag', datum: `${day}T00:00:00+01:00`, aanvangstijd: `${day}T10:00:00+01:00`, eindtijd: `${day}T12:00:00+01:00`, locatie: 'Thorbeckezaal', besloten: false, status: 'Uitgevoerd', vergaderjaar: '2025-2026', kamer: 'Tweede Kamer', noot: null, voortouwnaam: 'Volksgezondheid, Welzijn en Sport', voortouwafkorting: 'VWS', voortouwkortenaam: 'VWS' } };
    case 'ActiviteitActor':
      return { id, bijgewerkt: b, refs: { activiteit: ref('Activiteit', i), persoon: ref('Persoon', i) }, fields: { actorNaam: `A. Lid${i}`, actorFractie: `F${i % 15}`, relatie: 'Deelnemer', volgorde: i % 20, functie: 'Tweede Kamerlid', spreektijd: null } };
    case 'Zaak':
      return { id, bijgewerkt: b, refs: { kamerstukdossier: ref('Kamerstukdossier', i) }, fields: { nummer: `2025Z${String(i).padStart(5, '0')}`, soort: i % 3 ? 'Schriftelijke vragen' : 'Motie', onderwerp: `Vragen over het datalek bij zorgaanbieder ${i} en de beveiliging van patiëntgegevens`, gestartOp: `${day}T00:00:00+01:00`, organisatie: 'Tweede Kamer', titel: `Titel ${i}`, vergaderjaar: '2025-2026', volgnummer: i % 100, status: 'Vrijgegeven', afgedaan: i % 2 === 0, grootProject: false } };
    case 'ZaakActor':
      return { id, bijgewerkt: b, refs: { zaak: ref('Zaak', i), persoon: ref('Persoon', i), fractie: ref('Fractie', i) }, fields: { actorNaam: `A. Lid${i}`, actorFractie: `F${i % 15}`, functie: 'Tweede Kamerlid', relatie: i % 3 ? 'Indiener' : 'Gericht aan', sidActor: `sid-${i}` } };
    case 'Document':
      return { id, bijgewerkt: b, contentType: 'application/pdf', contentLength: 50000 + i, refs: { zaak: [ref('Zaak', i), ref('Zaak', i + 7)], kamerstukdossier: ref('Kamerstukdossier', i) }, fields: { soort: SOORTEN[i % SOORTEN.length]!, documentNummer: `2025D${String(i).padStart(5, '0')}`, titel: `Document ${i}`, onderwerp: `Antwoord op vragen over de beveiliging van medische gegevens ${i}`, datum: `${day}T00:00:00+01:00`, volgnummer: i % 500, vergaderjaar: '2025-2026', kamer: 2, datumRegistratie: `${day}T14:00:00+01:00`, aanhangselnummer: null, kenmerkAfzender: `K-${i}`, organisatie: 'Tweede Kamer' } };
    default:
      return { id, bijgewerkt: b, refs: { document: ref('Document', i), persoon: ref('Persoon', i) }, fields: { actorNaam: `A. Lid${i}`, actorFractie: `F${i % 15}`, functie: 'Tweede Kamerlid', relatie: 'Eerste ondertekenaar', sidActor: `sid-${i}` } };
  }
}

/** Serves `total` entries; returns once every page is rendered. */
export async function serveSyntheticFeed(total: number): Promise<{ url: string; pages: number; bytes: number; close(): Promise<void> }> {
  const counts = categoryCounts(total);
  const countMap = Object.fromEntries(counts);
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/SyncFeed/2.0`;
  const tokenAt = (i: number) => String(90_000_000 + i * 3);
  const pages = new Map<string, Buffer>();
  const emptyPage = (category: string) => Buffer.from(feedXml(category, [], `${url}/Feed?category=${category}`));
  let bytes = 0;
  for (const [category, n] of counts) {
    for (let start = 0; start < n; start += PAGE_SIZE) {
      const entries: string[] = [];
      for (let i = start; i < Math.min(n, start + PAGE_SIZE); i++) {
        entries.push(entryXml(category, entity(category, i, countMap), { next: i === n - 1 ? null : nextHref(url, category, tokenAt(i + 1)) }, url));
      }
      const buf = Buffer.from(feedXml(category, entries, `${url}/Feed?category=${category}`));
      bytes += buf.length;
      pages.set(`${category}:${start === 0 ? '' : tokenAt(start)}`, buf);
    }
  }
  server.on('request', (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const category = u.searchParams.get('category') ?? '';
    const skiptoken = u.searchParams.get('skiptoken');
    // A mirrored category the synthetic feed has no entries for is an empty feed, as upstream; so
    // is what follows the last entry (a second run resumes at its token and finds nothing new).
    const body = pages.get(`${category}:${skiptoken ?? ''}`) ?? (/^[A-Za-z]+$/.test(category) ? emptyPage(category) : undefined);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', 'content-length': body.length }).end(body);
  });
  return { url, pages: pages.size, bytes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const feed = await serveSyntheticFeed(Number(process.argv[2] ?? 300_000));
  console.log(`READY ${feed.url} ${feed.pages} ${feed.bytes}`);
}
