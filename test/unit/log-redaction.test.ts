import t from 'tap';
import { redactUrl, serializeRequest } from '../../server/log-redaction.ts';

t.test('tokens in URLs never reach the log', async (t) => {
  t.equal(redactUrl('/abonneren/bevestigen/abc123?x=1'), '/abonneren/bevestigen/[verborgen]?x=1');
  t.equal(redactUrl('/abonnement/abc123/afmelden'), '/abonnement/[verborgen]/afmelden');
  t.equal(redactUrl('/staff/wachtwoord/s3cr3t'), '/staff/wachtwoord/[verborgen]');
  t.equal(redactUrl('/vragen/2025Z12345'), '/vragen/2025Z12345', 'other paths untouched');
  t.same(serializeRequest({ method: 'GET', url: '/abonnement/tok', headers: { host: 'h' }, ip: '127.0.0.1' }), {
    method: 'GET',
    url: '/abonnement/[verborgen]',
    host: 'h',
    remoteAddress: '127.0.0.1',
  });
});
