// The deferral phrases: sentences that postpone an answer's substance, and hard negatives that
// share their words (a letter already sent, the letter itself, a pointer within the answer).
import t from 'tap';
import { deferralSentence, sentences } from '../../server/texts/deferral.ts';

const POSITIVES = [
  'Het kabinet zal in een separate brief op deze vraag ingaan.',
  'Ik informeer uw Kamer hierover voor de zomer.',
  'Ik zal uw Kamer voor het einde van het jaar over de uitkomsten informeren.',
  'Zodra het onderzoek is afgerond, informeer ik uw Kamer over de uitkomsten.',
  'Hier kom ik zo spoedig mogelijk op terug.',
  'Op deze vraag kom ik voor het zomerreces terug.',
  'Daar kom ik later op terug.',
  'Ik zal hier in een aparte brief op terugkomen.',
  'In een aparte brief ga ik nader in op de gevolgen voor patiënten.',
  'Uw Kamer ontvangt voor 1 oktober een brief over de maatregelen.',
  'Voor het kerstreces ontvangt uw Kamer de evaluatie.',
  'Uw Kamer wordt in het najaar geïnformeerd over de voortgang.',
  'De Kamer zal na afronding van het onderzoek worden geïnformeerd.',
  'Wij komen hier na ontvangst van het rapport van de Inspectie op terug.',
  'Over de maatregelen stuur ik uw Kamer in een aparte brief bericht.',
  'Het kabinet informeert de Kamer in het eerste kwartaal van 2026 over de uitwerking.',
  'Ik bericht uw Kamer daarover voor de begrotingsbehandeling.',
  'Ik stuur uw Kamer voor de zomer een brief over de evaluatie.',
  'Het kabinet komt voor het einde van het jaar met een reactie op het rapport.',
];

const NEGATIVES = [
  'In mijn brief van 3 maart 2025 heb ik uw Kamer over de maatregelen geïnformeerd.',
  'Ik heb uw Kamer voor de zomer geïnformeerd over de uitkomsten.',
  'Uw Kamer is op 12 mei geïnformeerd over het incident.',
  'In de aparte brief die ik op 3 maart heb gestuurd, ben ik op deze vraag ingegaan.',
  'Met deze brief informeer ik uw Kamer over de stand van zaken.',
  'Hierbij informeer ik uw Kamer over de uitkomsten van het onderzoek.',
  'Daar kom ik bij vraag 5 op terug.',
  'Ik kom hierop terug in het antwoord op vraag 7.',
  'De Inspectie informeert de getroffen patiënten voor de zomer.',
  'Het laboratorium stuurt de patiënten een brief.',
  'Ja, ik ben bekend met het bericht.',
  'Zie het antwoord op vraag 2.',
  'Ik verwacht dat het onderzoek voor de zomer klaar is.',
  'De brief van de Autoriteit Persoonsgegevens is op 2 juni ontvangen.',
  'Uw Kamer heeft het rapport op 4 april ontvangen.',
  'Ik kan uw Kamer informeren dat alle patiënten zijn ingelicht.',
  'Ik stuur uw Kamer hierbij het rapport van de Inspectie.',
  'Het kabinet kwam in maart met een reactie op het rapport.',
  'Ik heb uw Kamer in maart een brief gestuurd over de evaluatie.',
  'Het laboratorium komt met een plan van aanpak.',
];

t.test('sentences that postpone the substance are found, whole', async (t) => {
  for (const s of POSITIVES) t.equal(deferralSentence(s), s, s);
});

t.test('hard negatives are not deferrals', async (t) => {
  for (const s of NEGATIVES) t.equal(deferralSentence(s), null, s);
});

t.test('the deferring sentence is picked out of a longer answer', async (t) => {
  const answer = 'De Inspectie onderzoekt het incident, zie ook nr. 812 van vorig jaar. Ik informeer uw Kamer hierover voor de zomer, zodra de uitkomsten bekend zijn.\n\nVerder geldt NEN 7510.';
  t.equal(deferralSentence(answer), 'Ik informeer uw Kamer hierover voor de zomer, zodra de uitkomsten bekend zijn.');
  t.same(sentences('Zie Kamerstuk 27 529, nr. 300. Dat is het. J. Jansen schreef het.'), ['Zie Kamerstuk 27 529, nr. 300.', 'Dat is het.', 'J. Jansen schreef het.']);
});

t.test('precision and recall on the phrase set', async (t) => {
  const tp = POSITIVES.filter((s) => deferralSentence(s) !== null).length;
  const fp = NEGATIVES.filter((s) => deferralSentence(s) !== null).length;
  const precision = tp / (tp + fp);
  const recall = tp / POSITIVES.length;
  console.log(`deferral phrases: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${POSITIVES.length} positives, ${NEGATIVES.length} hard negatives)`);
  t.equal(precision, 1);
  t.equal(recall, 1);
});
