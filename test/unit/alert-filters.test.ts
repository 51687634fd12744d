// The sentence shown before confirming, stored with the consent and repeated in every mail.
import t from 'tap';
import { describeFilter } from '../../server/alerts/filters.ts';

t.test('the filter reads as Dutch inside the sentence', async (t) => {
  // Lower-casing the form label gave "over eén set vragen" (the accent belongs on both e's).
  t.equal(
    describeFilter({ kind: 'question', value: '2025Z12345', label: '2025Z12345' }, ['answered'], 'immediate'),
    'Kamervragen over de set vragen 2025Z12345; bij: beantwoord (op tijd of te laat); direct per gebeurtenis.',
  );
  t.match(describeFilter({ kind: 'member', value: 'x', label: 'J. Jansen' }, ['asked'], 'digest'), /^Kamervragen over Kamerlid J\. Jansen; bij: nieuwe vragen gesteld; één keer per dag/);
});
