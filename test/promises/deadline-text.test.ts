// Deadlines read from the wording of a promise: conservative dates (the latest day the words
// allow), the year inferred from the day it was made, and wording without a day kept as words.
import t from 'tap';
import { readDeadline } from '../../server/promises/deadline-text.ts';

const MADE = '2025-03-12';

t.test('readable wording becomes a conservative date', async (t) => {
  const cases: [string, string, string, string?][] = [
    ['Voor de zomer 2025 stuurt de minister een brief over de voortgang.', 'Voor de zomer 2025', '2025-07-01'],
    ['De minister informeert de Kamer voor het einde van het jaar.', 'voor het einde van het jaar', '2025-12-31'],
    ['De staatssecretaris stuurt uiterlijk 1 oktober een reactie.', 'uiterlijk 1 oktober', '2025-10-01'],
    ['Uiterlijk op vrijdag 13 juni 2025 ontvangt de commissie de brief.', 'Uiterlijk op vrijdag 13 juni 2025', '2025-06-13'],
    ['Reactie graag uiterlijk 13 maart a.s.', 'uiterlijk 13 maart', '2025-03-13'],
    ['De Kamer krijgt voor 1 februari de evaluatie.', 'voor 1 februari', '2026-02-01', 'a day earlier in the year than the promise: next year'],
    ['In het najaar van 2025 volgt de evaluatie.', 'In het najaar van 2025', '2025-12-31'],
    ['In het voorjaar komt er een plan.', 'In het voorjaar', '2025-06-30'],
    ['Voor het kerstreces ontvangt de Kamer de uitwerking.', 'Voor het kerstreces', '2025-12-31'],
    ['Voor Prinsjesdag komt het kabinet met een voorstel.', 'Voor Prinsjesdag', '2025-09-16'],
    ['In het derde kwartaal van 2025 wordt de Kamer geïnformeerd.', 'In het derde kwartaal van 2025', '2025-09-30'],
    ['De minister stuurt de brief eind oktober.', 'eind oktober', '2025-10-31'],
    ['De minister stuurt de brief voor oktober.', 'voor oktober', '2025-10-01'],
    ['Binnen zes weken stuurt de minister een brief.', 'Binnen zes weken', '2025-04-23'],
    ['Binnen 3 maanden volgt een reactie.', 'Binnen 3 maanden', '2025-06-12'],
    ['De rapportage komt voor 2027.', 'voor 2027', '2027-01-01'],
    ['Uiterlijk 01-10-2025 ontvangt de Kamer het advies.', 'Uiterlijk 01-10-2025', '2025-10-01'],
    ['Voorafgaand aan het commissiedebat van 12 juni informeert de minister de Kamer.', 'Voorafgaand aan het commissiedebat van 12 juni', '2025-06-12'],
    ['Eerst voor de zomer een tussenstand, en voor het einde van het jaar de eindrapportage.', 'voor het einde van het jaar', '2025-12-31', 'of two terms the latest'],
    ['Voor de zomer stuurt de minister de brief.', 'Voor de zomer', '2026-07-01', 'made in the autumn: next summer'],
  ];
  for (const [text, words, date, why] of cases) {
    const made = text.startsWith('Voor de zomer stuurt') ? '2025-10-08' : MADE;
    t.same(readDeadline(text, made), { text: words, date }, why ?? text);
  }
});

t.test('wording without a day is kept as words, never guessed', async (t) => {
  t.same(readDeadline('De minister stuurt zo spoedig mogelijk een brief.', MADE), { text: 'zo spoedig mogelijk', date: null });
  t.same(readDeadline('Op korte termijn volgt een reactie.', MADE), { text: 'Op korte termijn', date: null });
  t.same(readDeadline('Na de zomer komt de minister hierop terug.', MADE), { text: 'Na de zomer', date: null });
  t.match(readDeadline('Voor het commissiedebat over digitale zaken stuurt de minister een brief.', MADE), { date: null, text: /^Voor het commissiedebat/ });
  t.same(readDeadline('De minister stuurt een brief over de stand van zaken.', MADE), null, 'no term at all');
  t.same(readDeadline(null, MADE), null);
  t.same(readDeadline('Uiterlijk 31 februari 2025 komt de brief.', MADE), null, 'an impossible date is not read');
});

t.test('readable wording wins over unreadable wording', async (t) => {
  t.same(readDeadline('Zo spoedig mogelijk, in elk geval voor de zomer van 2025.', MADE), { text: 'voor de zomer van 2025', date: '2025-07-01' });
});
