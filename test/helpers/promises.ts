// A small ledger for page, API and browser tests: four commitments (overdue, no deadline, fulfilled
// by a letter not in the mirror, a deadline read from words) made in a VWS debate, and a
// committee decision asking for a technical briefing, with a briefing of that committee to come
// (suggested as its fulfilment); evaluated as of LEDGER_NOW.
import type { Db } from '../../server/db/client.ts';
import { agendapunten, besluiten, toezeggingen } from '../../server/db/schema/index.ts';
import { runPromiseLedger } from '../../server/promises/run.ts';
import { insertActiviteit } from './builders.ts';

export const LEDGER_NOW = new Date('2025-11-24T10:00:00+01:00');
export const ledgerId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const id = ledgerId;

export async function ledgerData(db: Db) {
  const stamp = { bijgewerkt: new Date('2025-11-01T10:00:00Z'), feedUpdatedAt: new Date('2025-11-01T10:00:00Z') };
  const debate = await insertActiviteit(db, { soort: 'Commissiedebat', onderwerp: 'Digitale ontwikkelingen in de zorg', datum: '2025-09-10', voortouwafkorting: 'VWS', nummer: '2025A04001' });
  const meeting = await insertActiviteit(db, { soort: 'Procedurevergadering', onderwerp: 'Procedurevergadering VWS', datum: '2025-10-08', voortouwafkorting: 'VWS' });
  await insertActiviteit(db, { soort: 'Technische briefing', onderwerp: 'Technische briefing over de beveiliging van laboratoria', datum: '2025-12-03', voortouwafkorting: 'VWS' });
  const base = { ...stamp, activiteitId: debate, naam: 'J. Tielen', functie: 'staatssecretaris van Volksgezondheid, Welzijn en Sport', ministerie: 'VWS', status: 'Openstaand', aanmaakdatum: new Date('2025-09-10T00:00:00+02:00') };
  await db.insert(toezeggingen).values([
    { ...base, id: id(1), nummer: 'TZ202509-001', tekst: 'De staatssecretaris stuurt de Kamer een brief over de rol van Z-CERT bij laboratoria.', datumNakoming: new Date('2025-11-01T00:00:00+01:00') },
    { ...base, id: id(2), nummer: 'TZ202509-002', tekst: 'De staatssecretaris informeert de Kamer over de uitkomst van het gesprek met de laboratoria.' },
    { ...base, id: id(3), nummer: 'TZ202509-003', tekst: 'De staatssecretaris stuurt de evaluatie.', status: 'Voldaan', kamerbriefNakoming: '2025D99999' },
    { ...base, id: id(4), nummer: 'TZ202509-004', tekst: 'De minister van Justitie en Veiligheid zendt het WODC-rapport voor de zomer 2026.', functie: 'minister van Justitie en Veiligheid', ministerie: 'Justitie en Veiligheid', naam: 'D. van Weel' },
  ]);
  await db.insert(agendapunten).values({ ...stamp, id: id(10), activiteitId: meeting, onderwerp: 'Verzoek van het lid Hertzberger om een technische briefing over de beveiliging van laboratoria' });
  await db.insert(besluiten).values({ ...stamp, id: id(11), agendapuntId: id(10), status: 'Besluit', besluitTekst: 'Ingestemd met het verzoek om een technische briefing over de beveiliging van laboratoria.' });
  await runPromiseLedger(db, LEDGER_NOW);
}
