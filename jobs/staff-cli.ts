// npm run staff -- add <email> [--admin] | list | disable <email>
// Staff accounts are only created here: `add` prints a one-time link (24 hours, single use) where
// the new member of staff sets a password. The token is shown once and stored only as a hash.
import { parseArgs } from 'node:util';
import { boot } from '../server/boot.ts';
import { addUser, disableUser, listUsers, PASSWORD_LINK_HOURS } from '../server/staff/accounts.ts';
import { CLI_ACTOR } from '../server/staff/audit.ts';
import { safeErrorMessage } from '../server/log-redaction.ts';

const USAGE = 'Usage: npm run staff -- add <email> [--admin] | list | disable <email>';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { admin: { type: 'boolean', default: false } } });
  const [command, email] = positionals;
  if (!command || !['add', 'list', 'disable'].includes(command) || (command !== 'list' && !email)) {
    console.error(USAGE);
    return 2;
  }
  const { config, clock, database } = await boot(process.env);
  const db = database.db;
  try {
    if (command === 'add') {
      const { user, token } = await addUser(db, CLI_ACTOR, clock.now(), email!, values.admin ? 'admin' : 'staff');
      console.log(`Account ${user.email} (${user.role}) aangemaakt.`);
      console.log(`Eenmalige link om een wachtwoord in te stellen (${PASSWORD_LINK_HOURS} uur geldig):`);
      console.log(`${config.PUBLIC_URL}/staff/wachtwoord/${token}`);
    } else if (command === 'list') {
      const users = await listUsers(db);
      if (users.length === 0) console.log('Geen stafaccounts.');
      for (const u of users) {
        const state = u.disabledAt ? `uitgeschakeld ${u.disabledAt.toISOString()}` : u.passwordHash ? 'actief' : 'wacht op wachtwoord';
        console.log(`${u.email}\t${u.role}\t${state}`);
      }
    } else if (await disableUser(db, CLI_ACTOR, clock.now(), email!)) {
      console.log(`Account ${email} uitgeschakeld; alle sessies zijn beëindigd.`);
    } else {
      console.error(`Geen account ${email}.`);
      return 1;
    }
    return 0;
  } catch (err) {
    console.error(safeErrorMessage(err));
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
