// Finds the sentence in an answer that postpones its substance: "Het kabinet zal in een separate
// brief op deze vraag ingaan", "Ik informeer uw Kamer hierover voor de zomer", "Hier kom ik zo
// spoedig mogelijk op terug". Such a sentence is a promise (server/promises/ reads it from
// question_texts.deferral_text). A letter already sent ("in mijn brief van 3 maart heb ik …"),
// the letter itself ("Met deze brief informeer ik uw Kamer") and a pointer to another answer in
// the same document ("daar kom ik bij vraag 5 op terug") are not deferrals.

const LETTER = String.raw`(?:aparte|separate|afzonderlijke|aanvullende|nadere|nieuwe|volgende|eerstvolgende|komende|verzamel|voortgangs|kamer|)\s*brief`;
const FUTURE_VERB = String.raw`\b(?:zal|zullen|ga|gaat|gaan|kom|komt|komen|informeer|informeert|informeren|stuur|stuurt|sturen|ontvangt|ontvangen|volgt|volgen|wordt|worden|bericht|berichten)\b`;
const TIME = String.raw`(?:vóór|voor|na|uiterlijk|begin|eind|medio|rond|in)\s+(?:de|het|dit|deze|volgend|komend)?\s*(?:zomer|zomerreces|kerstreces|reces|voorjaar|najaar|winter|jaar|jaareinde|einde|eind|kwartaal|maand|week|debat|commissiedebat|begrotingsbehandeling|prinsjesdag|\p{L}+\s+(?:19|20)\d\d|(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b|(?:eerste|tweede|derde|vierde|1e|2e|3e|4e|laatste)\s+kwartaal|(?:19|20)\d\d)`;
const LATER = String.raw`(?:zo spoedig mogelijk|zo snel mogelijk|z\.s\.m\.|binnenkort|spoedig|later|op een later moment|te zijner tijd|in de loop van|zodra|nadat|wanneer|als (?:het|de|dit)|na afronding|na afloop|na ontvangst|binnen\s+\S+\s+(?:dagen|weken|maanden))`;

/** `needs`: 'verb' wants a forward-looking verb in the sentence, 'time' a time, condition or letter. */
const PATTERNS: { re: RegExp; needs?: 'verb' | 'time' }[] = [
  // "in een aparte brief", with a verb that looks ahead ("zal … ingaan", "informeer ik", "ontvangt uw Kamer").
  { re: new RegExp(String.raw`\b(?:in|met|via|per)\s+(?:een|de)\s+(?:aparte|separate|afzonderlijke|aanvullende|nadere|nieuwe)\s+(?:kamer)?brief\b`, 'iu'), needs: 'verb' },
  // "ik informeer uw Kamer (hierover) voor de zomer", "informeer ik de Kamer zodra …"
  { re: new RegExp(String.raw`\b(?:ik|wij|we|het kabinet|de minister|de staatssecretaris)\s+(?:zal|zullen|ga|gaat|gaan)?\s*(?:uw|de)\s+kamer\b[^.;]*?\b(?:informeren|informeer|informeert|berichten|op de hoogte stellen|nader informeren)\b`, 'iu') },
  { re: new RegExp(String.raw`\b(?:informeer|informeert|informeren|bericht|berichten)\s+(?:ik|wij|we|het kabinet)\s+(?:uw|de)\s+kamer\b`, 'iu') },
  { re: new RegExp(String.raw`\b(?:ik|wij|we|het kabinet)\s+(?:informeer|informeren|informeert|bericht|berichten)\s+(?:uw|de)\s+kamer\b`, 'iu') },
  // "uw Kamer wordt/zal … worden geïnformeerd", "ontvangt uw Kamer voor de zomer een brief"
  { re: new RegExp(String.raw`\b(?:uw|de)\s+kamer\s+(?:wordt|zal|zullen)\b[^.;]*?\bge[iï]nformeerd\b`, 'iu') },
  { re: new RegExp(String.raw`\b(?:ontvangt|ontvangen)\s+(?:uw|de)\s+kamer\b`, 'iu') },
  { re: new RegExp(String.raw`\b(?:uw|de)\s+kamer\s+(?:ontvangt|zal\s+[^.;]*?ontvangen)\b`, 'iu') },
  // "kom ik (hier) zo spoedig mogelijk op terug", "zal ik later terugkomen op"
  { re: new RegExp(String.raw`\b(?:kom|komen|komt)\s+(?:ik|wij|we|het kabinet)\b[^.;]*?\bterug\b`, 'iu'), needs: 'time' },
  { re: new RegExp(String.raw`\b(?:ik|wij|we|het kabinet)\s+(?:kom|komen|komt)\b[^.;]*?\bterug\b`, 'iu'), needs: 'time' },
  { re: new RegExp(String.raw`\b(?:zal|zullen)\s+(?:ik|wij|we|het kabinet)\b[^.;]*?\bterug(?:komen|te komen)\b`, 'iu'), needs: 'time' },
  { re: new RegExp(String.raw`\b(?:ik|wij|we|het kabinet)\s+(?:zal|zullen)\b[^.;]*?\bterug(?:komen|te komen)\b`, 'iu'), needs: 'time' },
  // "ga ik (daar) nader op in", "zal ik nader ingaan op" with a time or a letter
  { re: new RegExp(String.raw`\b(?:ga|gaan|zal|zullen)\s+(?:ik|wij|we|het kabinet)\b[^.;]*?\bnader\b[^.;]*?\b(?:in|ingaan|in te gaan)\b`, 'iu'), needs: 'time' },
  // "ik stuur uw Kamer voor de zomer een brief", "het kabinet komt voor het einde van het jaar met een reactie"
  { re: new RegExp(String.raw`\b(?:ik|wij|we|het kabinet)\s+(?:zal\s+|zullen\s+)?(?:stuur|stuurt|sturen|zend|zendt|zenden)\b[^.;]*?\b(?:uw|de)\s+kamer\b`, 'iu'), needs: 'time' },
  { re: new RegExp(String.raw`\b(?:stuur|stuurt|zend|zendt)\s+(?:ik|wij|we|het kabinet)\s+(?:uw|de)\s+kamer\b`, 'iu'), needs: 'time' },
  { re: new RegExp(String.raw`\b(?:kom|komt|komen)\b[^.;]*?\bmet\s+(?:een|de)\s+(?:nadere\s+|inhoudelijke\s+)?(?:kabinets)?(?:reactie|brief|standpunt|appreciatie)\b`, 'iu'), needs: 'time' },
];

/** Time or condition words that make a "kom ik … terug"/"ga ik … in" a postponement. */
const LATER_OR_TIME = new RegExp(`${LATER}|${TIME}|${LETTER}`, 'iu');
const FUTURE = new RegExp(FUTURE_VERB, 'iu');

/** A letter already sent, the present document itself, or a pointer within the same answer. */
const NEGATIVES: RegExp[] = [
  /\b(?:heb|hebben|heeft|had|hadden)\s+(?:ik|wij|we|het kabinet)?\s*(?:uw|de)\s+kamer\b[^.;]*?\b(?:ge[iï]nformeerd|bericht|gemeld)\b/iu,
  /\b(?:uw|de)\s+kamer\s+(?:is|werd|heeft|had)\b[^.;]*?\b(?:ge[iï]nformeerd|ontvangen|bericht)\b/iu,
  /\bbrief\s+(?:van|d\.d\.|gedateerd)\s+\d/iu,
  /\bbrief\b[^.;]*?\b(?:heb|hebben|heeft|is|zijn|was|werd)\b[^.;]*?\b(?:gestuurd|verstuurd|verzonden|toegezonden|ingegaan|ontvangen)\b/iu,
  /\b(?:heb|hebben|heeft)\b[^.;]*?\bbrief\b[^.;]*?\b(?:gestuurd|verstuurd|verzonden|toegezonden)\b/iu,
  /\b(?:hiermee|hierbij|met deze brief|met deze beantwoording|in deze brief|bij deze)\b/iu,
  /\b(?:bij|in)\s+(?:het\s+|mijn\s+)?(?:antwoord\s+op\s+)?vra(?:ag|gen)\s+\d/iu,
];

/** Whether the sentence postpones its answer. */
function postpones(sentence: string): boolean {
  return PATTERNS.some(({ re, needs }) => {
    if (!re.test(sentence)) return false;
    if (needs === 'verb') return FUTURE.test(sentence);
    if (needs === 'time') return LATER_OR_TIME.test(sentence) || /\bterug\s*(?:komen|te komen)?\s*[.!]?$/iu.test(sentence.trim());
    return true;
  });
}

/** The answer's sentences, split after . ! ? (not after 'nr.', 'art.', initials). */
export function sentences(text: string): string[] {
  return text
    .split(/\n{2,}|(?<=(?<!\b(?:nr|art|blz|p|vgl|jl|resp|o\.a|d\.w\.z|i\.v\.m|m\.b\.t|\p{Lu}))[.!?])\s+(?=[\p{Lu}«"'(\d])/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The first sentence of the answer that postpones its substance, or null. */
export function deferralSentence(answer: string): string | null {
  for (const sentence of sentences(answer)) {
    if (NEGATIVES.some((re) => re.test(sentence))) continue;
    if (postpones(sentence)) return sentence;
  }
  return null;
}
