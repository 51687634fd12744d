// Briefing and letter requests stated in the news and letters behind Kamerwacht (the NSC
// request of August 2025, the PratenOnline letter of 2018). Only what those sources say: where
// a date is given only as a month, it is stored with month precision; a deadline in words
// without a day is kept as words.
import type { RequestLinkKind, RequestStatus } from '../server/db/schema/index.ts';

export interface RequestSeed {
  slug: string;
  kind: 'briefing' | 'letter';
  requestedOn: string;
  requestedOnPrecision: 'day' | 'month';
  committee: string | null;
  subject: string;
  description: string;
  sourceText: string;
  sourceUrl: string | null;
  /** As the sources state it; the deadlines job derives it again from the links. */
  status: RequestStatus;
  dueText: string | null;
  persons: { name: string; party: string | null }[];
  requesterParties: string[];
  supporterParties: string[];
  addressees: string[];
  links: { kind: RequestLinkKind; target: string; title: string; date: string | null }[];
}

export const NSC_BRIEFING_2025: RequestSeed = {
  slug: '2025-08-nsc-technische-briefing-dataveiligheid-zorg',
  kind: 'briefing',
  requestedOn: '2025-08-01',
  requestedOnPrecision: 'month',
  committee: null,
  subject: 'Technische briefing over dataveiligheid in de zorg',
  description:
    'NSC-Kamerleden Hertzberger, De Korte en Six Dijkstra willen in de eerste week na het zomerreces een ' +
    'technische briefing waarin ambtenaren van de ministeries van Volksgezondheid, Welzijn en Sport en van ' +
    'Justitie en Veiligheid de vaste commissie voor Volksgezondheid bijpraten over de laatste stand van zaken ' +
    'rond dataveiligheid in de zorg. Aanleiding is het datalek bij Clinical Diagnostics.',
  sourceText:
    'NSC-Kamerleden Hertzberger, De Korte en Six Dijkstra willen daarnaast dat er in de eerste week na het ' +
    'zomerreces een technische briefing komt over dataveiligheid in de zorg. Tijdens de aangevraagde briefing ' +
    'zullen ambtenaren van het ministerie van Volksgezondheid en Justitie en Veiligheid de vaste commissie voor ' +
    'Volksgezondheid een update over de laatste stand van zaken geven met betrekking tot dataveiligheid in de ' +
    'zorg. Het verzoek van NSC wordt gesteund door de VVD, GroenLinks-PvdA, D66, BBB, SP, SGP en ChristenUnie.',
  sourceUrl: null,
  status: 'open',
  dueText: 'in de eerste week na het zomerreces',
  persons: [
    { name: 'Hertzberger', party: 'NSC' },
    { name: 'De Korte', party: 'NSC' },
    { name: 'Six Dijkstra', party: 'NSC' },
  ],
  requesterParties: ['NSC'],
  supporterParties: ['VVD', 'GroenLinks-PvdA', 'D66', 'BBB', 'SP', 'SGP', 'ChristenUnie'],
  addressees: ['VWS', 'JenV'],
  links: [],
};

const PRATENONLINE_LETTER_2018: RequestSeed = {
  slug: '2018-11-27-vws-reactie-hack-pratenonline',
  kind: 'letter',
  requestedOn: '2018-11-27',
  requestedOnPrecision: 'day',
  committee: 'VWS',
  subject: 'Reactie op de hack en afpersing van PratenOnline',
  description:
    'De vaste commissie voor Volksgezondheid, Welzijn en Sport vroeg om een reactie op de berichtgeving dat ' +
    'hackers de website van PratenOnline afpersen en gegevens van gebruikers over hun psychische problemen ' +
    'willen publiceren als er geen losgeld wordt betaald.',
  sourceText:
    'De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft op 27 november jl. gevraagd om een reactie ' +
    'op de berichtgeving dat hackers de website van PratenOnline afpersen en gegevens van gebruikers over hun ' +
    'psychische problemen wil publiceren als er geen losgeld wordt betaald.',
  sourceUrl: 'https://zoek.officielebekendmakingen.nl/kst-31765-353.html',
  status: 'fulfilled',
  dueText: null,
  persons: [],
  requesterParties: [],
  supporterParties: [],
  addressees: ['VWS'],
  links: [
    {
      kind: 'kamerstuk',
      target: '31765-353',
      title: 'Brief van de minister van Volksgezondheid, Welzijn en Sport (H.M. de Jonge), Kamerstuk 31765, nr. 353',
      date: '2018-11-30',
    },
  ],
};

export const REQUEST_SEEDS: RequestSeed[] = [NSC_BRIEFING_2025, PRATENONLINE_LETTER_2018];
