// Reads a committee decision (Besluit.besluitTekst) and tells whether it asks the government for
// something the ledger should follow: a letter, a reaction, an answer or a (technical) briefing.
// Most decisions ask nothing ("Voor kennisgeving aannemen.", "Agenderen voor het commissiedebat
// …", "Betrekken bij …"), and many mention a letter or a reaction that is not being asked for
// ("Brief van de minister … voor kennisgeving aannemen", "Aanhouden tot ontvangst van de
// kabinetsreactie"), so a decision counts only when, in one sentence,
// - the government is asked (a minister, state secretary, the cabinet: "Minister BZK verzoeken om
//   een brief", "de staatssecretaris te vragen om …", "De minister wordt verzocht …") for
//   something written or a briefing; or
// - a request to that effect is made or granted ("Verzoek om een brief …", "Ingestemd met het
//   verzoek … om een technische briefing", "… wordt gesteund"); or
// - a technical briefing is organised or applied for ("Technische briefing organiseren."), or a
//   letter is forwarded for a reaction ("Ter reactie doorgeleiden naar de minister");
// and the sentence does not refuse it ("niet gesteund", "geen meerderheid"). Requests made BY a
// minister ("Verzoek van de minister om uitstel") and requests to the committee's own staff,
// the griffier or other bodies are not the government's promises. Measured on a labelled set in
// test/promises/decision-detector.test.ts.
import { parseAddresseeFunction } from '../questions/ministries.ts';
import { readDeadline } from './deadline-text.ts';

export interface DetectedRequest {
  kind: 'letter' | 'briefing';
  /** The sentences that ask, as written. */
  sentence: string;
  /** Ministry codes named as addressees (empty when the text names none). */
  ministries: string[];
  /** The addressee as written ("Minister BZK", "de staatssecretaris van VWS"), or null. */
  addressee: string | null;
  /** A term in the text ("uiterlijk 1 oktober"), read conservatively; null when none. */
  due: { text: string; date: string | null } | null;
}

const GOV = String.raw`(?:minister(?:s|-president)?|staatssecretaris(?:sen)?|bewindspersonen|bewindspersoon|kabinet|regering|ministerie)`;
const GOV_RE = new RegExp(String.raw`\b${GOV}\b|kabinetsreactie|kabinetsappreciatie`, 'iu');
/** The verb of asking; a following "vragen" as a noun (schriftelijke vragen, de vragen) is not one. */
const ASK_RE = /\b(?:verzoeken|verzoekt|verzocht|vraagt|gevraagd|vragen|wenst|wensen)\b/giu;
const QUESTIONS_NOUN_RE = /(?:schriftelijke|feitelijke|mondelinge|gestelde|aanvullende|de|deze|die|lijst van|kamer|nadere|enkele|twee|drie)\s+vragen$/iu;
/** What can be asked of the government. */
const DELIVERABLE_RE =
  /(?:brief|reactie|appreciatie|informeren|informatie|beantwoord|toelichting|update|overzicht|stand van zaken|briefing|notitie|schriftelijk|in te gaan|te reageren|uitleg)/iu;
const REQUEST_NOUN_RE = /\b(?:verzoek|vraag)(?:\s+[^.]{0,100}?)?\s+om\s+[^.]{0,60}?(?:brief|reactie|appreciatie|briefing|informatie|informeren|toelichting|update|overzicht|stand van zaken|notitie|beantwoord)/iu;
/** A request made by the government itself, or by a body that is not the government. */
const REQUEST_BY_OTHERS_RE =
  /\bverzoek\s+van\s+(?:de|het)\s+(?:minister|staatssecretaris|kabinet|regering|bewindspersoon|nationale ombudsman|algemene rekenkamer|raad van state|autoriteit|inspectie|presidium|griffie)/iu;
const GRANTED_RE = /\b(?:ingestemd|instemmen|stemt in|stemt hiermee in|gesteund|steunt|ondersteund|gehonoreerd|ingewilligd|aangenomen|akkoord|toegekend)\b/iu;
const REFUSED_RE =
  /\b(?:niet gesteund|niet ingestemd|niet gehonoreerd|niet ingewilligd|geen meerderheid|onvoldoende steun|geen steun|afgewezen|verworpen|gaat niet door|geen (?:technische\s+)?briefing|af te zien van|niet te organiseren|(?:wenst|wil) geen|wordt niet|toegezegde)\b|\bniet\b[^.]{0,60}\b(?:te vragen|te verzoeken)\b/iu;
/** The government as the one asking ("De minister heeft verzocht om uitstel", "De staatssecretaris vraagt de commissie"). */
const GOVERNMENT_ASKS_RE = new RegExp(
  String.raw`\b(?:de|het)\s+(?:minister|staatssecretaris|kabinet|regering)(?:\s+(?:van|voor)\s+[\p{L}, ]{1,60}?)?\s+(?:heeft\s+(?:verzocht|gevraagd)|vraagt|verzoekt)\b`,
  'iu',
);
/** A passive ask and who is asked ("De staf wordt gevraagd …", "De minister wordt verzocht …"). */
const PASSIVE_ASK_RE = /([\p{L}][\p{L} -]{0,60}?)\s+(?:wordt|worden|zal worden|zullen worden)\s+(?:gevraagd|verzocht)\b/iu;
const BRIEFING_ORGANISED_RE =
  /(?:technische|ambtelijke)?\s*briefing\s+(?:[^.]{0,80}?\s)?(?:organiseren|aanvragen|aan te vragen|inplannen|in te plannen|plannen|laten verzorgen|te organiseren|organiseert|georganiseerd|ingepland|aangevraagd)\b|\b(?:organiseren|aanvragen|inplannen)\s+van\s+een\s+(?:technische\s+)?briefing|\bvraagt\s+(?:een\s+)?(?:technische\s+)?briefing\s+aan\b|\b(?:vraagt|vragen|verzoekt|verzoeken|verzocht|gevraagd)\s+om\s+(?:een\s+)?(?:technische\s+|ambtelijke\s+)?briefing\b/iu;
/** A briefing by a body that is not the government (the Court of Audit, a regulator). */
const BRIEFING_BY_OTHERS_RE =
  /briefing\s+(?:door|van)\s+(?:de\s+|het\s+)?(?:algemene rekenkamer|nationale ombudsman|raad van state|autoriteit|cbs|cpb|pbl|inspectie|toezichthouder|knmi|rivm)|(?:algemene rekenkamer|nationale ombudsman|autoriteit persoonsgegevens)\s+wordt\s+uitgenodigd/iu;
const FORWARD_FOR_REACTION_RE = /\b(?:ter reactie|met het verzoek om (?:een )?(?:reactie|appreciatie))\b[^.]{0,80}?\b(?:doorgeleiden|doorsturen|doorgezonden|sturen|minister|staatssecretaris)|\b(?:doorgeleiden|doorsturen)\b[^.]{0,80}?\bter reactie\b/iu;

/** Abbreviations of ministries as committees write them, to the codes of questions/ministries.ts. */
const ABBREVIATIONS: Record<string, string> = {
  bzk: 'BZK', vws: 'VWS', jenv: 'JenV', 'j&v': 'JenV', venj: 'JenV', ocw: 'OCW', ezk: 'EZK', ez: 'EZ', lnv: 'LNV', lvvn: 'LVVN',
  szw: 'SZW', ienw: 'IenW', 'i&w': 'IenW', ienm: 'IenM', fin: 'FIN', financien: 'FIN', buza: 'BuZa', bz: 'BuZa', bho: 'BuZa', def: 'Def',
  az: 'AZ', kgg: 'KGG', aenm: 'AenM', 'a&m': 'AenM', vro: 'VRO', vrom: 'VROM', wwi: 'VROM',
};
const ABBR = Object.keys(ABBREVIATIONS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const GOV_MINISTRY_RE = new RegExp(String.raw`\b(minister-president|minister(?:s)?|staatssecretaris(?:sen)?|ministerie)\b((?:\s+(?:van|voor))?\s+[^.;:()]{1,90})`, 'giu');
const ABBR_LIST_RE = new RegExp(String.raw`^(?:\s+(?:van|voor))?\s+((?:${ABBR})(?:\s*(?:,|en)\s*(?:${ABBR}))*)(?![\p{L}&])`, 'iu');
/** Where the name of a post ends: the verb or the object that follows it. */
const NAME_END_RE = /\s(?:verzoeken|verzoekt|verzocht|vragen|vraagt|gevraagd|om|te|wordt|worden|over|op|met|een|de|het|naar|in|bij|zo|voor de|binnen|uiterlijk|schriftelijk|per)\b.*$/iu;

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z0-9ÀÉÈËÏÖÜ'‘"])/u)
    .filter((s) => s.length > 0);
}

function asksGovernment(s: string): boolean {
  if (!GOV_RE.test(s) || !DELIVERABLE_RE.test(s) || GOVERNMENT_ASKS_RE.test(s)) return false;
  // "De staf wordt gevraagd …": someone else is asked, even where a minister is mentioned.
  const passive = PASSIVE_ASK_RE.exec(s);
  if (passive && !/^verzocht|^gevraagd/iu.test(passive[0]) && !GOV_RE.test(passive[1]!)) return false;
  ASK_RE.lastIndex = 0;
  for (let m = ASK_RE.exec(s); m; m = ASK_RE.exec(s)) {
    if (m[0].toLowerCase() === 'vragen' && QUESTIONS_NOUN_RE.test(s.slice(0, m.index + m[0].length))) continue;
    return true;
  }
  return false;
}

function requestsByNoun(s: string, first: boolean): boolean {
  if (!REQUEST_NOUN_RE.test(s) || REQUEST_BY_OTHERS_RE.test(s)) return false;
  // "Verzoek om een brief …" as the decision itself, or a request granted, or one addressed to the government.
  return (first && /^(?:het\s+)?verzoek\b/iu.test(s)) || /^verzoek\b/iu.test(s) || GRANTED_RE.test(s) || GOV_RE.test(s);
}

function isRequest(s: string, first: boolean): boolean {
  if (REFUSED_RE.test(s)) return false;
  // A briefing by the Court of Audit or a regulator, unless the ministry takes part.
  if (/briefing/iu.test(s) && BRIEFING_BY_OTHERS_RE.test(s) && !/\b(?:ministerie|ambtenaren|minister|staatssecretaris)\b/iu.test(s)) return false;
  return asksGovernment(s) || requestsByNoun(s, first) || BRIEFING_ORGANISED_RE.test(s) || FORWARD_FOR_REACTION_RE.test(s);
}

/** Ministry codes the text addresses ("Minister BZK", "de ministers van BZK en WWI", "staatssecretaris van VWS"). */
function addressedMinistries(text: string): { ministries: string[]; addressee: string | null } {
  const out: string[] = [];
  let addressee: string | null = null;
  GOV_MINISTRY_RE.lastIndex = 0;
  for (let m = GOV_MINISTRY_RE.exec(text); m; m = GOV_MINISTRY_RE.exec(text)) {
    const post = m[1]!;
    const rest = m[2]!;
    const found: string[] = [];
    const abbr = ABBR_LIST_RE.exec(rest);
    if (/^minister-president$/iu.test(post)) {
      found.push('AZ');
    } else if (abbr) {
      for (const part of abbr[1]!.split(/\s*(?:,|\sen\s)\s*/u)) {
        const code = ABBREVIATIONS[part.trim().toLowerCase()];
        if (code) found.push(code);
      }
    } else {
      const name = rest.replace(NAME_END_RE, '').trim();
      const postWord = /^ministerie$/iu.test(post) ? 'minister' : post.toLowerCase().replace(/s$|sen$/u, '').replace(/^ministers$/u, 'minister');
      const parsed = parseAddresseeFunction(`${postWord} ${/^(van|voor)\b/iu.test(name) ? '' : 'voor '}${name}`);
      // Only names the mapping knows; "de minister" alone names no ministry.
      if (parsed.ministry && name.length > 0 && !/^(?:van|voor)?\s*$/iu.test(name)) found.push(parsed.ministry);
    }
    if (found.length > 0 && addressee === null) addressee = `${post}${abbr ? abbr[0] : ` ${rest.replace(NAME_END_RE, '').trim()}`}`.trim();
    for (const code of found) if (!out.includes(code)) out.push(code);
  }
  return { ministries: out, addressee };
}

/** The request in a decision text, or null when it asks nothing of the government. */
export function detectRequest(text: string | null | undefined, madeOn: string): DetectedRequest | null {
  if (!text) return null;
  const all = sentences(text);
  const asking = all.filter((s, i) => isRequest(s, i === 0));
  if (asking.length === 0) return null;
  const sentence = asking.join(' ');
  const briefing = asking.some((s) => /briefing/iu.test(s) && !/\bbrief\b/iu.test(s.replace(/briefing/giu, '')));
  const { ministries, addressee } = addressedMinistries(sentence);
  return { kind: briefing ? 'briefing' : 'letter', sentence, ministries, addressee, due: readDeadline(sentence, madeOn) };
}
