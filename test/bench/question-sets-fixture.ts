// Generates question sets straight into PostgreSQL for the benchmarks: members with seats (a
// third change party), written-question zaken, their documents (80 % answered after 5–64 days,
// 25 % delay notices, 1 % withdrawn) and actors addressed to sixteen ministerial posts.
// `STAMP` is the feed's bijgewerkt for every row (the deadlines benchmark varies its precision).
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';

export async function generateQuestionSets(db: Db, SETS: number, STAMP = '2025-12-01T12:00:00.123Z'): Promise<void> {
  await db.execute(sql`
    insert into fracties (id, bijgewerkt, afkorting, naam_nl)
    select md5('f' || i)::uuid, ${STAMP}::timestamptz, 'P' || i, 'Partij ' || i from generate_series(1, 15) i`);
  await db.execute(sql`
    insert into personen (id, bijgewerkt, achternaam)
    select md5('p' || i)::uuid, ${STAMP}::timestamptz, 'Lid ' || i from generate_series(1, 300) i`);
  await db.execute(sql`
    insert into fractie_zetels (id, bijgewerkt, fractie_id, gewicht)
    select md5('s' || i)::uuid, ${STAMP}::timestamptz, md5('f' || (i % 15 + 1))::uuid, 1 from generate_series(1, 300) i`);
  // Two periods per member: a party change on 2023-12-06 for every third member.
  await db.execute(sql`
    insert into fractie_zetel_personen (id, bijgewerkt, fractie_zetel_id, persoon_id, van, tot_en_met)
    select md5('fzp' || i)::uuid, ${STAMP}::timestamptz, md5('s' || i)::uuid, md5('p' || i)::uuid, date '2017-03-23',
      case when i % 3 = 0 then date '2023-12-05' end
    from generate_series(1, 300) i
    union all
    select md5('fzq' || i)::uuid, ${STAMP}::timestamptz, md5('s' || (i % 300 + 1))::uuid, md5('p' || i)::uuid, date '2023-12-06', null::date
    from generate_series(1, 300) i where i % 3 = 0`);
  await db.execute(sql`
    insert into zaken (id, bijgewerkt, nummer, soort, onderwerp, gestart_op)
    select md5('z' || i)::uuid, ${STAMP}::timestamptz, (2020 + i / 20000)::text || 'Z' || lpad((i % 20000)::text, 5, '0'),
      'Schriftelijke vragen', 'Vragen over onderwerp ' || i,
      (date '2021-01-01' + (i % 1820))::timestamp at time zone 'Europe/Amsterdam'
    from generate_series(1, ${SETS}) i`);
  // Questions document, answers (80 %, after 5–64 days), delay notices (25 %), withdrawals (1 %).
  await db.execute(sql`
    insert into documents (id, bijgewerkt, soort, datum, onderwerp)
    select md5('dq' || i)::uuid, ${STAMP}::timestamptz, 'Schriftelijke vragen', z.gestart_op, 'Vragen' from generate_series(1, ${SETS}) i
      join zaken z on z.id = md5('z' || i)::uuid
    union all
    select md5('da' || i)::uuid, ${STAMP}::timestamptz, 'Antwoord schriftelijke vragen', z.gestart_op + ((5 + i % 60) || ' days')::interval, 'Antwoord'
      from generate_series(1, ${SETS}) i join zaken z on z.id = md5('z' || i)::uuid where i % 5 <> 0
    union all
    select md5('dn' || i)::uuid, ${STAMP}::timestamptz, 'Mededeling (uitstel antwoord)', z.gestart_op + interval '19 days', 'Uitstel'
      from generate_series(1, ${SETS}) i join zaken z on z.id = md5('z' || i)::uuid where i % 4 = 0
    union all
    select md5('dw' || i)::uuid, ${STAMP}::timestamptz, 'Mededeling', z.gestart_op + interval '3 days', 'De vragen zijn ingetrokken'
      from generate_series(1, ${SETS}) i join zaken z on z.id = md5('z' || i)::uuid where i % 100 = 7`);
  await db.execute(sql`
    insert into document_zaken (document_id, zaak_id)
    select md5(k || i)::uuid, md5('z' || i)::uuid from generate_series(1, ${SETS}) i, unnest(array['dq', 'da', 'dn', 'dw']) k
    where k = 'dq' or (k = 'da' and i % 5 <> 0) or (k = 'dn' and i % 4 = 0) or (k = 'dw' and i % 100 = 7)`);
  await db.execute(sql`
    insert into zaak_actors (id, bijgewerkt, zaak_id, persoon_id, actor_naam, relatie, functie)
    select md5('ai' || i)::uuid, ${STAMP}::timestamptz, md5('z' || i)::uuid, md5('p' || (i % 300 + 1))::uuid, 'Lid ' || (i % 300 + 1), 'Indiener', 'Tweede Kamerlid'
    from generate_series(1, ${SETS}) i
    union all
    select md5('am' || i)::uuid, ${STAMP}::timestamptz, md5('z' || i)::uuid, md5('p' || ((i * 7) % 300 + 1))::uuid, 'Lid ' || ((i * 7) % 300 + 1), 'Medeindiener', 'Tweede Kamerlid'
    from generate_series(1, ${SETS}) i where i % 2 = 0
    union all
    select md5('ag' || i)::uuid, ${STAMP}::timestamptz, md5('z' || i)::uuid, null, 'Bewindspersoon ' || (i % 24), 'Gericht aan',
      (array['minister van Volksgezondheid, Welzijn en Sport', 'staatssecretaris van Volksgezondheid, Welzijn en Sport',
        'minister voor Medische Zorg', 'minister van Justitie en Veiligheid', 'staatssecretaris van Justitie en Veiligheid',
        'minister van Binnenlandse Zaken en Koninkrijksrelaties', 'minister van Economische Zaken en Klimaat', 'minister van Financiën',
        'staatssecretaris van Financiën', 'minister van Onderwijs, Cultuur en Wetenschap', 'minister van Sociale Zaken en Werkgelegenheid',
        'minister van Infrastructuur en Waterstaat', 'minister van Buitenlandse Zaken', 'minister van Defensie',
        'minister van Landbouw, Natuur en Voedselkwaliteit', 'minister van Asiel en Migratie'])[i % 16 + 1]
    from generate_series(1, ${SETS}) i`);
  await db.execute(sql`analyze`);
}
