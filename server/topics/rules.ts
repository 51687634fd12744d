// The rule syntax of a topic (seeds/topics.ts): one rule per line; groups joined by ` + ` must all
// occur; alternatives inside a group are separated by `|`. A term of several words is a phrase
// ('medische gegevens', 'NEN 7510'). Excluded contexts are plain terms.
export interface Rule {
  source: string;
  groups: string[][];
}

export function parseRule(line: string): Rule {
  const groups = line
    .split(/\s\+\s/)
    .map((g) =>
      g
        .split('|')
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    )
    .filter((g) => g.length > 0);
  if (groups.length === 0) throw new Error(`Empty topic rule: ${JSON.stringify(line)}`);
  return { source: line.trim(), groups };
}

export function parseRules(lines: string[]): Rule[] {
  return lines.filter((l) => l.trim().length > 0).map(parseRule);
}
