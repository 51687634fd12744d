// The first topic lens. Each rule is one line: groups joined by `+` must all occur, words
// within a group separated by `|` are alternatives. A rule of one group matches on its own.
// Terms are matched with stemming and inside compounds (server/topics/matcher.ts); generic
// security words only count next to a healthcare context, so a tax-office leak is not on topic.
// Excluded contexts veto combination rules, not the specific terms of the first rule.
// Tuned on test/fixtures/topic-titles.json (precision and recall asserted in test/topics/).
export interface TopicSeed {
  slug: string;
  name: string;
  description: string;
  terms: string[];
  excluded: string[];
  isDefault: boolean;
}

/** Healthcare contexts: short words ('zorg', 'lab', 'ggz') follow the matcher's compound rules. */
const HEALTH =
  'zorg|ziekenhuis|ziekenhuizen|umc|MCL|patiënt|patiënten|huisarts|huisartsen|laboratorium|lab|GGD|zorgaanbieder|' +
  'zorginstelling|jeugdzorg|jeugdhulp|ggz|apotheek|apotheken|bevolkingsonderzoek|medisch|medische|verpleeghuis|' +
  'ambulance|tandarts|revalidatie|kliniek|pacemaker|insulinepomp|thuiszorg|zorgverzekeraar|zorgverlener|Clinical Diagnostics|PratenOnline';

export const DATAVEILIGHEID_IN_DE_ZORG: TopicSeed = {
  slug: 'dataveiligheid-in-de-zorg',
  name: 'Dataveiligheid in de zorg',
  description:
    'Datalekken, hacks en ransomware bij zorgaanbieders, laboratoria en bevolkingsonderzoeken; ' +
    'informatiebeveiliging (NEN 7510), Z-CERT en de Cyberbeveiligingswet in de zorg.',
  terms: [
    // Specific enough on their own.
    'patiëntgegevens|medische gegevens|gezondheidsgegevens|medisch dossier|NEN 7510|Z-CERT|Clinical Diagnostics|PratenOnline',
    // A security incident or measure next to a healthcare context.
    'datalek|hack|hacken|hackers|gehackt|ransomware|cyberaanval|cyberaanvallen|cybercriminelen|cyberdreiging|' +
      'informatiebeveiliging|cyberbeveiliging|cybersecurity|DDoS|phishing|malware|gegevensdiefstal|losgeld|afpersing|' +
      'leksite|beveiligingslek|lek|Citrix|NIS2|Cyberbeveiligingswet|digitale weerbaarheid|digitale veiligheid' +
      ` + ${HEALTH}`,
    // Data or systems exposed or protected, in healthcare ('gegevens … gestolen bij laboratorium').
    'beveiliging|beveiligd|onbeveiligd|kwetsbaarheid|gestolen|gelekt|verkocht|verhandeld|buitgemaakt|toegankelijk|' +
      'inzichtelijk|openbaar|onbevoegd|onbevoegde' +
      ' + gegevens|persoonsgegevens|dossier|dossiers|patiëntendossier|systemen|software|uitslagen|testuitslagen' +
      ` + ${HEALTH}`,
  ],
  excluded: ['Belastingdienst', 'Toeslagen', 'zorgtoeslag', 'zorgpremie', 'Defensie', 'NVWA', 'Voedsel- en Warenautoriteit'],
  isDefault: true,
};

export const TOPIC_SEEDS: TopicSeed[] = [DATAVEILIGHEID_IN_DE_ZORG];
